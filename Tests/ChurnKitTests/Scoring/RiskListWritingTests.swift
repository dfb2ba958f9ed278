import Foundation
import Testing
@testable import ChurnKit

/// The byte writer of risk lists against the `String`-based formatting it replaced (kept below,
/// verbatim in behaviour, as `Old`): the files must not change by a byte.
struct RiskListWritingTests {
    /// The formatting of the writer before the byte path (`NumberText` and `ScoreReason.text`
    /// as they were), the reference.
    enum Old {
        static func format(_ value: Double) -> String {
            if value.isNaN { return "NaN" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return value.description
        }

        static func json(_ value: Double) -> String { value.isFinite ? format(value) : "null" }

        static func fixed(_ value: Double, _ decimals: Int) -> String {
            guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            let rounded = (abs(value) * scale).rounded()
            guard rounded < 9.0e18 else { return value.description }
            let negative = value < 0 && rounded > 0
            var remaining = UInt64(rounded)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
                var position = 48
                var written = 0
                repeat {
                    position -= 1
                    buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                    written += 1
                    if written == decimals {
                        position -= 1
                        buffer[position] = UInt8(ascii: ".")
                    }
                } while remaining > 0 || written <= decimals
                if negative {
                    position -= 1
                    buffer[position] = UInt8(ascii: "-")
                }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<48]), as: UTF8.self)
            }
        }

        static func reasonText(_ r: ScoreReason) -> String {
            if let note = r.note { return note }
            if let condition = r.condition { return "\(condition): \(r.contribution < 0 ? "" : "+")\(fixed(r.contribution, 2))" }
            let shown = r.value == r.value.rounded() && abs(r.value) < 1e15 ? format(r.value) : fixed(r.value, 2)
            return "\(r.column)=\(shown) (\(r.contribution < 0 ? "" : "+")\(fixed(r.contribution, 2)))"
        }

        static func csvField(_ field: String) -> String {
            let plain = field.utf8.allSatisfy { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") && $0 != 10 && $0 != 13 }
            return plain ? field : CSVText.quoted(field)
        }

        /// The old `RiskList.write`, rows from ``RiskList/rows``.
        static func write(_ list: RiskList, format: TableFormat, selection: OutreachSelection.Result?, segments: RFMSegments?,
                          numericColumns: [(name: String, values: [Double])]) -> String {
            var out = ""
            let gains = selection?.netGains
            let names = RiskList.columnNames + (gains == nil ? [] : ["expected_net_gain"]) + (segments == nil ? [] : RFMSegments.columnNames)
                + numericColumns.map(\.name)
            let rows = list.rows
            let indices = selection?.indices ?? Array(rows.indices)
            let jsonKeys = names.map(NumberText.jsonString)
            if format == .csv { out += names.map(CSVText.quoted).joined(separator: ",") + "\n" }
            let missing = format == .csv ? "" : "null"
            func text(_ value: String) -> String { format == .csv ? csvField(value) : NumberText.jsonString(value) }
            func money(_ value: Double?) -> String {
                guard let value, value.isFinite else { return missing }
                return fixed(value, 2)
            }
            for (position, k) in indices.enumerated() {
                let customer = rows[k]
                var fields = [String(k + 1), text(customer.customerID),
                              format == .csv ? self.format(customer.churnProbability) : json(customer.churnProbability),
                              String(list.decile(at: k)), text(list.band(at: k).rawValue)]
                for r in 0..<3 { fields.append(r < customer.reasons.count ? text(reasonText(customer.reasons[r])) : missing) }
                fields += [money(customer.valueAtRisk), format == .csv ? CSVText.quoted(list.modelID) : NumberText.jsonString(list.modelID),
                           format == .csv ? CSVText.quoted(list.scoredAt) : NumberText.jsonString(list.scoredAt)]
                if let gains { fields.append(money(gains[position])) }
                if let segments {
                    let s = segments.scores[customer.row]
                    fields += format == .csv ? segments.fields(customer.row).map(csvField)
                        : [String(s.recency), String(s.frequency), String(s.monetary), NumberText.jsonString(s.code), NumberText.jsonString(s.segment.rawValue)]
                }
                for column in numericColumns { fields.append(money(column.values[customer.row])) }
                if format == .csv {
                    out += fields.joined(separator: ",") + "\n"
                } else {
                    out += "{" + zip(jsonKeys, fields).map { $0 + ":" + $1 }.joined(separator: ",") + "}\n"
                }
            }
            return out
        }
    }

    /// Doubles that stress a shortest or fixed formatter.
    static let awkward: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.7005515486, 0.125, 0.5, 0.995, 0.9999999999999999,
        1e-300, -1e-300, 5e-324, 2.2250738585072009e-308, 2.2250738585072014e-308, 1e-5, 1e-4, 0.001, 1e-7,
        1.005, 2.675, 0.015, 0.025, 0.005, 0.045, 1.115, -0.004, -0.005, -0.015, 99.995, 1234.565, 0.285,
        123456789.125, 1e15, 1e15 - 1, 1e15 + 0.5, 9.0e18, 9.2e18, 1e16, 1e17, 1e20, 1e21, 1e22, 1.7976931348623157e308,
        4.35, 4.345, 8.675, 1.0000000000000002, 0.30000000000000004, 123.456, 1e23, 9007199254740993, .infinity, -.infinity, .nan,
    ]

    @Test func numbersKeepTheirBytes() {
        var values = Self.awkward
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: generator.next()))                      // any double, NaNs included
            values.append(Double.random(in: 0...1, using: &generator))              // probabilities
            values.append((Double.random(in: -1e6...1e6, using: &generator) * 100).rounded() / 100 + 0.005)  // money at a tie
        }
        for value in values {
            #expect(NumberText.format(value) == Old.format(value), "\(value.bitPattern)")
            #expect(NumberText.json(value) == Old.json(value), "\(value.bitPattern)")
            if !value.isNaN && !(value == value.rounded() && abs(value) < 1e15) {
                #expect(NumberText.format(value) == value.description, "\(value.bitPattern)")
            }
            for decimals in [0, 1, 2, 4] { #expect(NumberText.fixed(value, decimals) == Old.fixed(value, decimals), "\(value.bitPattern) \(decimals)") }
            let reason = ScoreReason(column: "x", value: value, contribution: value)
            #expect(reason.text == Old.reasonText(reason), "\(value.bitPattern)")
        }
        for value: Int64 in [0, 1, -1, 9, 10, -10, .max, .min, 1_000_000] {
            var bytes: [UInt8] = []
            NumberText.appendInteger(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
    }

    /// A list with every awkward value, ids that need quoting or escaping, all kinds of reasons.
    static func awkwardList() -> (RiskList, RFMSegments) {
        let ids = ["1", "007", "7", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "crlf\r\nx", "é,ü", "tab\there", "back\\slash",
                   "\u{1}ctl", "plain", "e\u{301},x", "12345678901234567890123", "日本"]
        let probabilities: [Double] = [0, 1, 1e-300, 5e-324, 0.1, 0.7005515486, 0.995, 0.125, 0.5, 0.5, 0.3, 1.0 / 3, 0.9999999999999999,
                                       2.2250738585072014e-308, 0.45, 0.45]
        let reasonSets: [[ScoreReason]] = [
            [ScoreReason(column: "days_since_last", value: 214, contribution: 1.005),
             ScoreReason(column: "monetary_total", value: 6552.695, contribution: 0.015),
             ScoreReason(column: "weird,col", value: 1e20, contribution: 2.675)],
            [ScoreReason(column: "x", value: 0.125, contribution: 0.005, condition: "days_since_last 121–150")],
            [ScoreReason(column: "bgnbd", value: 0.3, contribution: 0, note: "P(alive) 30%, \"quiet\" since 3 purchases")],
            [],
        ]
        let spend: [Double?] = [40, nil, 1e-300, 0.005, 1.005, 2.675, 1e20, 12.345, nil, 0, 99.995, 1e15, 7, 8, 9, 10]
        let scored = ids.indices.map { i in
            ScoredCustomer(customerID: ids[i], row: i, churnProbability: probabilities[i], logit: 0, reasons: reasonSets[i % reasonSets.count],
                           expectedSpend: spend[i])
        }
        let table = FeatureTable(columnNames: ["days_since_last", "frequency", "monetary_total"], customerIDs: ids,
                                 values: ids.indices.flatMap { [Double($0 * 37 % 11), Double($0 % 4), Double($0) * 10.5] })
        return (RiskList(scored: scored, modelID: "m,odel \"1\"", scoredAt: "2026-01-31T02:00:00Z"), try! RFMSegments(table))
    }

    @Test func riskListsKeepTheirBytes() throws {
        let (list, segments) = Self.awkwardList()
        let folder = TestFiles.temporaryFolder()
        let clv = [(name: "clv", values: (0..<list.count).map { Double($0) * 1.005 + 0.005 })]
        let selections: [OutreachSelection.Result?] = [nil, OutreachSelection(top: 5).select(list),
                                                       OutreachSelection(budget: .init(total: 10, contactCost: 0.5, saveRate: 0.5)).select(list)]
        for format in TableFormat.allCases {
            for selection in selections {
                for withSegments in [false, true] {
                    let path = folder + "/r.\(format.rawValue)"
                    try list.write(to: path, format: format, selection: selection, segments: withSegments ? segments : nil, numericColumns: clv)
                    let written = TestFiles.read(path)
                    let expected = Old.write(list, format: format, selection: selection, segments: withSegments ? segments : nil, numericColumns: clv)
                    #expect(written == expected)
                    #expect(written.utf8.count > 500)
                }
            }
        }
    }

    /// The parallel writer formats blocks of rows on several threads: the file must be the
    /// reference's for any thread count, with and without a selection, across block boundaries.
    @Test func theFileIsTheSameForEveryThreadCount() throws {
        let n = 3 * RiskList.parallelBlockRows + 123
        let reasons = [ScoreReason(column: "x", value: 1.0 / 3, contribution: 0.5),
                       ScoreReason(column: "y", value: 1, contribution: -0.25, condition: "y 1–2")]
        var scored: [ScoredCustomer] = []
        for i in 0..<n {
            let id = i % 11 == 0 ? "c,\(i)" : "c\(i)"
            let probability = Double((i * 7919) % 1000) / 1000
            let spend: Double? = i % 5 == 0 ? nil : Double(i) * 0.25
            scored.append(ScoredCustomer(customerID: id, row: i, churnProbability: probability, logit: 0,
                                         reasons: Array(reasons.prefix(i % 3)), expectedSpend: spend))
        }
        let list = RiskList(scored: scored, modelID: "m", scoredAt: "2026-12-03T00:00:00Z")
        let clv = [(name: "clv", values: (0..<n).map { Double($0) * 1.005 })]
        let folder = TestFiles.temporaryFolder()
        let top: OutreachSelection.Result = OutreachSelection(top: 2 * RiskList.parallelBlockRows + 7).select(list)
        let budget: OutreachSelection.Result = OutreachSelection(budget: .init(total: 5000, contactCost: 0.5, saveRate: 0.5)).select(list)
        let selections: [OutreachSelection.Result?] = [nil, top, budget]
        for format in TableFormat.allCases {
            for selection in selections {
                let expected = Old.write(list, format: format, selection: selection, segments: nil, numericColumns: clv)
                for threads in [1, 2, 3] {
                    let path = folder + "/r\(threads).\(format.rawValue)"
                    try list.write(to: path, format: format, selection: selection, segments: nil, numericColumns: clv, threads: threads)
                    #expect(TestFiles.read(path) == expected, "\(format) with \(threads) threads")
                }
            }
        }
    }
}
