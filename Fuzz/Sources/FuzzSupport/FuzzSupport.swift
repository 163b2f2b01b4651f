/// What a harness does with one input.
public typealias FuzzBody = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ body: FuzzBody
) -> CInt

/// Runs libFuzzer with the process's arguments (corpus folders, `-max_total_time=…`) on `body`. A harness calls it
/// from its `<Target>_main` entry point, which SwiftPM links as the program's `main`.
public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ body: FuzzBody
) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, body)
}

/// The input as bytes (libFuzzer passes a null pointer for an empty input).
public func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> UnsafeRawBufferPointer {
    guard let data else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: data, count: count)
}
