import Testing
@testable import ChurnKit

struct NumberTextTests {
    @Test func fixedDecimals() {
        #expect(NumberText.fixed(0, 2) == "0.00")
        #expect(NumberText.fixed(0.004, 2) == "0.00")
        #expect(NumberText.fixed(-0.004, 2) == "0.00")
        #expect(NumberText.fixed(0.005, 3) == "0.005")
        #expect(NumberText.fixed(1.31, 2) == "1.31")
        #expect(NumberText.fixed(-1.306, 2) == "-1.31")
        #expect(NumberText.fixed(6552.7, 2) == "6552.70")
        #expect(NumberText.fixed(0.7005515486, 10) == "0.7005515486")
        #expect(NumberText.fixed(12.5, 0) == "13")
        #expect(NumberText.fixed(-3, 0) == "-3")
        #expect(NumberText.fixed(100, 1) == "100.0")
        #expect(NumberText.fixed(.nan, 2) == "NaN")
        #expect(NumberText.fixed(-.infinity, 2) == "-inf")
        #expect(NumberText.fixed(1e20, 2) == "1e+20")
    }

    @Test func roundTripFormat() {
        #expect(NumberText.format(24) == "24")
        #expect(NumberText.format(0.1) == "0.1")
        #expect(NumberText.format(-0.5) == "-0.5")
        #expect(NumberText.json(.nan) == "null")
        #expect(NumberText.jsonString("a\"b\n") == "\"a\\\"b\\n\"")
    }
}
