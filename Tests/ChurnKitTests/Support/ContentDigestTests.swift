import Foundation
import Testing
@testable import ChurnKit

struct ContentDigestTests {
    @Test func knownVectors() {
        #expect(ContentDigest.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentDigest.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentDigest.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(ContentDigest.hex(of: [UInt8](repeating: 0x61, count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// The digest the CSV reader computes while reading (small buffers: many blocks) equals the
    /// digest of the whole file's bytes.
    @Test(arguments: [7, 64, 1 << 22])
    func digestDuringIngestionMatchesWholeFile(bufferSize: Int) throws {
        let text = String(repeating: "customer,1997-01-01,12.5\n", count: 20_000)
        let path = TestFiles.write("customer_id,date,amount\n" + text)
        let digest = ContentDigest()
        try CSVFileReader(path: path, bufferSize: bufferSize, digest: digest).forEachRecord(header: { $0.count }) { _ in }
        #expect(digest.hexDigest == ContentDigest.hex(of: Array(("customer_id,date,amount\n" + text).utf8)))
    }

    /// The bundled data sets are exactly the ones their README describes.
    @Test(arguments: [
        ("datasets/cdnow/CDNOW_master.txt", "eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef"),
        ("datasets/cdnow/transactions.csv", "c8c2299744530ba581aea30e61752710de990b3028c675268acae2841e425c47"),
        ("datasets/telco/wa_churn.csv", "d4323faeaab5cd2826e22eab230ec489d9e210f56ac5505750fb4721fa230ef3"),
    ])
    func bundledDatasetChecksums(path: String, expected: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestFiles.bundled(path)))
        #expect(ContentDigest.hex(of: data) == expected)
    }
}
