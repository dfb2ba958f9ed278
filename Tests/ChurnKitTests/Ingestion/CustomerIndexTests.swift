import Testing
@testable import ChurnKit

/// The slot layout decides short ids (≤ 8 bytes) from the slot alone and longer ones with the
/// arena: both paths, their boundary, and a released table.
struct CustomerIndexTests {
    @Test func shortAndLongIdsAroundTheInlineLength() {
        let index = CustomerIndex(expectedCustomers: 4)
        // Same first 8 bytes, different tails and lengths; embedded zero bytes; the empty id.
        let ids = ["", "a", "a\u{0}", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefghij",
                   "abcdefgh\u{0}", String(repeating: "x", count: 300), String(repeating: "x", count: 301), "é日本"]
        for (k, id) in ids.enumerated() { #expect(index.intern(id) == k, "\(id)") }
        for (k, id) in ids.enumerated().reversed() { #expect(index.intern(id) == k, "\(id)") }
        for (k, id) in ids.enumerated() {
            #expect(index.index(of: id) == k)
            #expect(index.id(k) == id)
        }
        #expect(index.index(of: "abcdefghk") == nil)
        #expect(index.count == ids.count)
    }

    @Test func releasedLookupTableIsRebuiltOnDemand() {
        let index = CustomerIndex()
        for i in 0..<5_000 { _ = index.intern("customer-\(i)") }
        index.releaseLookupTable()
        #expect(index.count == 5_000)
        #expect(index.id(4_321) == "customer-4321")
        #expect(index.index(of: "customer-17") == 17)
        index.releaseLookupTable()
        #expect(index.intern("customer-99") == 99)
        #expect(index.intern("new") == 5_000)
        #expect(index.intern("customer-4999") == 4_999)
    }

    /// The reader interns and consumes in batches; rows must still arrive in file order with
    /// indices in order of first appearance, across batch boundaries.
    @Test func batchedReadKeepsFileOrder() throws {
        var text = "customer_id,date,amount\n"
        var expected: [(id: String, amount: Double)] = []
        for i in 0..<1_000 {
            let id = i % 3 == 0 ? "long-customer-id-\(i % 250)" : "\(i % 130)"
            text += "\(id),1997-01-01,\(i)\n"
            expected.append((id, Double(i)))
        }
        let reader = TransactionLogReader(path: TestFiles.write(text))
        var sink = RowCollector()
        try reader.read(into: &sink)
        #expect(sink.rows.count == expected.count)
        var firstSeen: [String: Int] = [:]
        for (row, want) in zip(sink.rows, expected) {
            #expect(reader.customers.id(row.customer) == want.id)
            #expect(row.amount == want.amount)
            let index = firstSeen[want.id, default: firstSeen.count]
            firstSeen[want.id] = index
            #expect(row.customer == index)
        }
    }
}
