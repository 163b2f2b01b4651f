import Foundation

/// Finds the folder that holds `Resources/` and `Public/`: the working directory when started from the
/// project or an installation folder, otherwise the source checkout this binary was built from.
enum ResourceLocation {
    static func root() -> String {
        let manager = FileManager.default
        let workingDirectory = manager.currentDirectoryPath
        if manager.fileExists(atPath: workingDirectory + "/Resources/Views") {
            return workingDirectory + "/"
        }
        // Sources/RelaisWeb/App/ResourceLocation.swift → the package root.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return checkout.path + "/"
    }
}
