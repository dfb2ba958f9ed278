/// Interns customer ids (arbitrary byte strings) to dense indices 0, 1, 2, … in order of first
/// appearance.
///
/// This is the one per-row lookup of ingestion, so it avoids `String` and `Dictionary`: ids are
/// copied once into a byte arena, and an open-addressing table (linear probing, FNV-1a hash kept
/// per entry so growing never rehashes bytes) maps them to indices. Memory is proportional to the
/// number of distinct customers.
public final class CustomerIndex: @unchecked Sendable {
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaUsed = 0
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: UnsafeMutablePointer<Int32>
    private var slotMask: Int

    public init(expectedCustomers: Int = 1024) {
        var slotCount = 1024
        while slotCount < expectedCustomers * 2 { slotCount <<= 1 }
        slotMask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        arenaCapacity = max(4096, expectedCustomers * 8)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    /// The number of distinct ids seen.
    public var count: Int { hashes.count }

    /// The id with index `index`.
    public func id(_ index: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: arena + offsets[index], count: offsets[index + 1] - offsets[index]), as: UTF8.self)
    }

    /// All ids in index order.
    public var ids: [String] { (0..<count).map(id) }

    /// The index of `id`, adding it when new.
    public func intern(_ id: String) -> Int {
        var bytes = Array(id.utf8)
        return bytes.withUnsafeMutableBufferPointer { intern(UnsafePointer($0.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!), count: $0.count) }
    }

    /// The index of the id, or nil when it was never interned.
    public func index(of id: String) -> Int? {
        var bytes = Array(id.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            let base = UnsafePointer(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!)
            let hash = CustomerIndex.hash(base, buffer.count)
            var slot = Int(truncatingIfNeeded: hash) & slotMask
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return nil }
                if hashes[entry] == hash && equals(entry, base, buffer.count) { return entry }
                slot = (slot + 1) & slotMask
            }
        }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<count {
            hash = (hash ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
        }
        // Final avalanche so low bits (the table index) depend on every byte.
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }

    @inline(__always)
    private func equals(_ entry: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let start = offsets[entry]
        guard offsets[entry + 1] - start == count else { return false }
        return memcmp(arena + start, bytes, count) == 0
    }

    /// The index of the id in `bytes[0..<count]`, adding it when new.
    @inline(__always)
    public func intern(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int {
        let hash = CustomerIndex.hash(bytes, count)
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && equals(entry, bytes, count) { return entry }
            slot = (slot + 1) & slotMask
        }
        let index = hashes.count
        if arenaUsed + count > arenaCapacity { growArena(toFit: arenaUsed + count) }
        (arena + arenaUsed).update(from: bytes, count: count)
        arenaUsed += count
        offsets.append(arenaUsed)
        hashes.append(hash)
        slots[slot] = Int32(index)
        if hashes.count * 2 > slotMask + 1 { growTable() }
        return index
    }

    private func growArena(toFit needed: Int) {
        var capacity = arenaCapacity * 2
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: arena, count: arenaUsed)
        arena.deallocate()
        arena = grown
        arenaCapacity = capacity
    }

    private func growTable() {
        let slotCount = (slotMask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        slotMask = slotCount - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & slotMask
            while slots[slot] >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Int32(entry)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
