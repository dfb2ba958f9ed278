import Testing
@testable import ChurnKit

struct PurchasePatternsTests {
    @Test func identicalCustomersShareOnePatternWithTheirCount() throws {
        let patterns = try PurchasePatterns(frequency: [0, 2, 2, 0, 5, 2], recency: [0, 10, 10, 0, 30, 11],
                                            T: [40, 40, 40, 40, 40, 40])
        #expect(patterns.patternCount == 4)
        #expect(patterns.totalWeight == 6)
        for (i, expected) in [(0.0, 0.0), (2, 10), (2, 10), (0, 0), (5, 30), (2, 11)].enumerated() {
            let (x, t, age) = patterns.pattern(Int(patterns.patternOfCustomer[i]))
            #expect(x == expected.0 && t == expected.1 && age == 40)
        }
        #expect(patterns.weights[Int(patterns.patternOfCustomer[1])] == 2)
        #expect(patterns.patternOfCustomer[0] == patterns.patternOfCustomer[3])
    }

    @Test func fractionalTimesAndWeightsCompressToo() throws {
        let patterns = try PurchasePatterns(frequency: [1, 1, 3], recency: [1.5, 1.5, 2.25], T: [3.75, 3.75, 3.75], weights: [2, 0.5, 1])
        #expect(patterns.patternCount == 2)
        #expect(patterns.weights[Int(patterns.patternOfCustomer[0])] == 2.5)
        #expect(patterns.ages == [3.75])
    }

    @Test func invalidCustomersAreRefusedWithTheirRow() {
        func refuses(_ x: Double, _ t: Double, _ age: Double) -> Bool {
            do {
                _ = try PurchasePatterns(frequency: [1, x], recency: [1, t], T: [2, age])
                return false
            } catch BuyTillYouDieError.invalidCustomer(let row, _) {
                return row == 1
            } catch { return false }
        }
        #expect(refuses(1.5, 1, 2))        // fractional frequency
        #expect(refuses(-1, 0, 2))         // negative frequency
        #expect(refuses(1, 3, 2))          // recency > T
        #expect(refuses(0, 1, 2))          // recency without repeat purchases
        #expect(refuses(1, 1, .nan))
        #expect(refuses(1, -1, 2))
        #expect(throws: BuyTillYouDieError.self) { try PurchasePatterns(frequency: [], recency: [], T: []) }
        #expect(throws: BuyTillYouDieError.self) { try PurchasePatterns(frequency: [1], recency: [1, 2], T: [2]) }
    }

    /// The radix sort on bits [low, high) is stable and sorts like a comparison sort on those bits.
    @Test(arguments: [(0, 64), (20, 47), (5, 6), (11, 33)])
    func radixSortIsAStableSortOnTheBits(range: (Int, Int)) {
        var generator = SeededGenerator(seed: 3)
        let words = (0..<20_000).map { _ in generator.next() >> UInt64(generator.next() % 40) }
        let (low, high) = range
        let mask: UInt64 = high - low == 64 ? .max : ((1 << UInt64(high - low)) - 1) << UInt64(low)
        let expected = words.enumerated().sorted { ($0.element & mask, $0.offset) < ($1.element & mask, $1.offset) }.map(\.element)
        var sorted = words
        PurchasePatterns.radixSort(&sorted, from: low, to: high)
        #expect(sorted == expected)
    }
}
