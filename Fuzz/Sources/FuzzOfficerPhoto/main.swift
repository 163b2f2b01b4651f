import CRelaisImage
import Foundation
import FuzzSupport

/// What a supervisor uploads as an officer's photo (any bytes, whatever the file's name): decoded by libjpeg-turbo or
/// libpng, cropped, scaled and encoded again — at the card's size, and under a small pixel budget that refuses most
/// inputs from their header alone.
@_cdecl("FuzzOfficerPhoto_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let input = bytes.bindMemory(to: UInt8.self)
    for (side, budget) in [(Int32(128), UInt(4_000_000)), (Int32(16), UInt(4_096))] {
        var output: UnsafeMutablePointer<UInt8>?
        var length: UInt = 0
        var width: Int32 = 0
        var height: Int32 = 0
        let status = relais_image_square(
            input.baseAddress, input.count, side, 82, budget, 1, &output, &length, &width, &height)
        if status == RELAIS_IMAGE_OK {
            precondition(output != nil && length > 3 && output![0] == 0xFF && output![1] == 0xD8)
        } else {
            precondition(output == nil && length == 0)
        }
        relais_image_free(output)
    }
    return 0
}
