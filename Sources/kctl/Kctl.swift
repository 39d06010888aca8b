import ArgumentParser
import Wire

/// `kctl`: the kubectl of this cluster emulator.
@main
struct Kctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kctl",
        abstract: "kctl controls the cluster emulator's control plane, as kubectl controls Kubernetes.",
        version: WireVersion.softwareVersion,
        subcommands: [Apply.self, Get.self, Delete.self, Version.self]
    )
}
