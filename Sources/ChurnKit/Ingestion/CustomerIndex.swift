/// Interns customer ids (arbitrary byte strings) to dense indices 0, 1, 2, … in order of first
/// appearance.
///
/// This is the one per-row lookup of ingestion, so it avoids `String` and `Dictionary`: ids are
/// copied once into a byte arena, and an open-addressing table (linear probing) maps them to
/// indices. Memory is proportional to the number of distinct customers.
///
/// In a log sorted by date consecutive rows belong to unrelated customers, so each lookup misses
/// the cache; the cost is the number of *dependent* misses. A slot therefore holds everything a
/// lookup needs to decide: the index, the id's length, 24 bits of its hash and its first 8 bytes.
/// An id of up to 8 bytes (most ids: numbers, short codes) is found or ruled out with the slot's
/// one cache line; a longer one also compares its tail in the arena, once, on a likely match.
/// Before, a lookup followed slot → stored hash → offsets → bytes: four misses.
final class CustomerIndex: @unchecked Sendable {
    /// 16 bytes. `meta` is 0 when empty, else bits 40–63: the hash's top 24 bits, 32–39: the
    /// length (255 for 255 and longer), 0–31: the index + 1. `head` is the id's first 8 bytes,
    /// little-endian, zero-padded.
    private struct Slot {
        var meta: UInt64
        var head: UInt64
    }

    // Read on every row: no dynamic exclusivity checks (each costs more than the load itself);
    // the class is used from one thread and never hands out references to these.
    @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var arenaCapacity: Int
    @exclusivity(unchecked) private var arenaUsed = 0
    @exclusivity(unchecked) private var offsets: [Int] = [0]
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var slotMask: Int
    @exclusivity(unchecked) private var touched: UInt64 = 0
    @exclusivity(unchecked) private var lookupReleased = false

    init(expectedCustomers: Int = 1024) {
        var slotCount = 1024
        while slotCount < expectedCustomers * 2 { slotCount <<= 1 }
        slotMask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(meta: 0, head: 0), count: slotCount)
        arenaCapacity = max(4096, expectedCustomers * 8)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    /// Reserves address space (not memory: pages are taken when written) for up to `customers`
    /// ids of `idBytes` bytes in all, so that the arena and the offsets never grow by copying.
    /// Each such copy leaves the old block behind in the allocator's heap, still resident: at 1M
    /// customers about 20 MB of `churn features`' peak.
    func reserve(customers: Int, idBytes: Int) {
        offsets.reserveCapacity(customers + 1)
        if idBytes > arenaCapacity { growArena(toFit: idBytes) }
        reservedCustomers = max(reservedCustomers, customers)
        reservedIDBytes = max(reservedIDBytes, idBytes)
    }

    /// What ``reserve(customers:idBytes:)`` asked for (the largest request), so that the shards
    /// of a sharded read reserve the same and never grow by copying either.
    private(set) var reservedCustomers = 0
    private(set) var reservedIDBytes = 0

    /// Appends the id of `entry` in `other` as this index's next id, without entering it in the
    /// lookup table, which is released (the next lookup rebuilds it). For the merge of a sharded
    /// read: the ids of different shards are distinct, and this index starts empty, so no lookup
    /// is needed, and the features pass releases the table right after the read anyway.
    func appendUnindexed(_ entry: Int, of other: CustomerIndex) {
        if !lookupReleased { releaseLookupTable() }
        let start = other.offsets[entry], count = other.offsets[entry + 1] - start
        precondition(self.count < Int(UInt32.max), "more than \(UInt32.max - 1) distinct customer ids")
        if arenaUsed + count > arenaCapacity { growArena(toFit: arenaUsed + count) }
        (arena + arenaUsed).update(from: other.arena + start, count: count)
        arenaUsed += count
        offsets.append(arenaUsed)
    }

    /// The number of distinct ids seen.
    var count: Int { offsets.count - 1 }

    /// The id with index `index`.
    func id(_ index: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: arena + offsets[index], count: offsets[index + 1] - offsets[index]), as: UTF8.self)
    }

    /// All ids in index order.
    var ids: [String] { (0..<count).map(id) }

    /// The index of `id`, adding it when new.
    func intern(_ id: String) -> Int {
        var bytes = Array(id.utf8)
        return bytes.withUnsafeMutableBufferPointer { intern(UnsafePointer($0.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!), count: $0.count) }
    }

    /// The index of the id, or nil when it was never interned.
    func index(of id: String) -> Int? {
        var bytes = Array(id.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            let base = UnsafePointer(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!)
            rebuildIfReleased()
            let found = find(base, buffer.count, hash: CustomerIndex.hash(base, buffer.count))
            return found.entry
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

    /// The first 8 bytes of the id, little-endian, zero-padded.
    @inline(__always)
    private static func head(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        if count >= 8 { return UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self)) }
        var head: UInt64 = 0
        for i in 0..<count { head |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        return head
    }

    /// What a slot's `meta` holds besides the index: fingerprint and length.
    @inline(__always)
    private static func tag(hash: UInt64, count: Int) -> UInt64 {
        (hash & 0xFFFF_FF00_0000_0000) | UInt64(min(count, 255)) << 32
    }

    /// The entry holding the id, or the empty slot where it would go.
    @inline(__always)
    private func find(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> (entry: Int?, slot: Int) {
        let tag = CustomerIndex.tag(hash: hash, count: count)
        let head = CustomerIndex.head(bytes, count)
        let slots = self.slots, mask = slotMask
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let meta = slots[slot].meta
            if meta == 0 { return (nil, slot) }
            if meta & 0xFFFF_FFFF_0000_0000 == tag && slots[slot].head == head {
                let entry = Int(truncatingIfNeeded: meta & 0xFFFF_FFFF) - 1
                // Up to 8 bytes, length and head are the whole id.
                if count <= 8 || tailEquals(entry, bytes, count) { return (entry, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Bytes 8… of entry's id against bytes 8… of the candidate (same length, same head).
    @inline(__always)
    private func tailEquals(_ entry: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let start = offsets[entry]
        guard offsets[entry + 1] - start == count else { return false }
        return memcmp(arena + start + 8, bytes + 8, count - 8) == 0
    }

    /// The index of the id in `bytes[0..<count]`, adding it when new.
    @inline(__always)
    func intern(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int {
        intern(bytes, count: count, hash: CustomerIndex.hash(bytes, count))
    }

    /// Loads the slot where a lookup of `hash` starts and returns it, to be folded into
    /// ``keepTouched(_:)``. Swift has no prefetch: a batch of such independent loads, issued
    /// before the lookups, lets their cache misses overlap instead of following one another.
    @inline(__always)
    func touchSlot(hash: UInt64) -> UInt64 {
        slots[Int(truncatingIfNeeded: hash) & slotMask].meta
    }

    /// Stores the fold of touched values, so that the compiler cannot drop the loads.
    func keepTouched(_ value: UInt64) { touched ^= value }

    /// `intern(_:count:)` with the hash already computed by ``hash(_:_:)``.
    @inline(__always)
    func intern(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64) -> Int {
        let found = find(bytes, count, hash: hash)
        if let entry = found.entry { return entry }
        return insert(bytes, count, hash: hash, slot: found.slot)
    }

    private func insert(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64, slot: Int) -> Int {
        var slot = slot
        if lookupReleased {
            rebuildIfReleased()
            let found = find(bytes, count, hash: hash)
            if let entry = found.entry { return entry }
            slot = found.slot
        }
        let index = self.count
        precondition(index < Int(UInt32.max), "more than \(UInt32.max - 1) distinct customer ids")
        if arenaUsed + count > arenaCapacity { growArena(toFit: arenaUsed + count) }
        (arena + arenaUsed).update(from: bytes, count: count)
        arenaUsed += count
        offsets.append(arenaUsed)
        slots[slot] = Slot(meta: CustomerIndex.tag(hash: hash, count: count) | UInt64(index + 1),
                           head: CustomerIndex.head(bytes, count))
        if (index + 1) * 2 > slotMask + 1 { growTable() }
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

    private func growTable() { rebuildTable(slotCount: (slotMask + 1) * 2) }

    /// Frees the lookup table once no more ids are expected (at 1M customers, 32 MB: a sixth of
    /// `churn features`' peak, reached while the feature table is built). `id(_:)` and `count`
    /// are unaffected; a later `intern` or `index(of:)` rebuilds the table first.
    func releaseLookupTable() {
        slots.deallocate()
        slots = .allocate(capacity: 1)
        slots.initialize(to: Slot(meta: 0, head: 0))
        slotMask = 0
        lookupReleased = true
    }

    /// A released table is a single empty slot, so every lookup ends at the insert path, which
    /// checks this flag: the per-row path pays nothing for it.
    private func rebuildIfReleased() {
        guard lookupReleased else { return }
        lookupReleased = false
        var slotCount = 1024
        while slotCount < (count + 1) * 2 { slotCount <<= 1 }
        rebuildTable(slotCount: slotCount)
    }

    /// Reinserts every id into a table of `slotCount` slots. Slots keep no full hash, so it is
    /// recomputed from the arena (a sequential read, cheap next to the lookups it saves).
    private func rebuildTable(slotCount: Int) {
        slots.deallocate()
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(meta: 0, head: 0), count: slotCount)
        slotMask = slotCount - 1
        for entry in 0..<count {
            let bytes = arena + offsets[entry], length = offsets[entry + 1] - offsets[entry]
            let hash = CustomerIndex.hash(bytes, length)
            var slot = Int(truncatingIfNeeded: hash) & slotMask
            while slots[slot].meta != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Slot(meta: CustomerIndex.tag(hash: hash, count: length) | UInt64(entry + 1),
                               head: CustomerIndex.head(bytes, length))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
