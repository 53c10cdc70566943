import Dispatch

/// `work(0) … work(count - 1)` on every core, results in index order. For
/// loading the forms and datasets at start-up: independent files, each
/// parsed by one iteration (the station's start and `forms check` wait on
/// the slowest, not on their sum).
func parallelMap<T: Sendable>(_ count: Int, _ work: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(work) }
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
        _ = slots.deinitialize()
        slots.deallocate()
    }
    // Each iteration writes its own slot only, and concurrentPerform returns
    // after the last one: no two threads touch the same memory.
    nonisolated(unsafe) let shared = slots
    DispatchQueue.concurrentPerform(iterations: count) { i in shared[i] = work(i) }
    return slots.map { $0! }
}
