import ArgumentParser
import Foundation

/// `kctl cluster build-image [--tag T ...]`: builds the node image of the docker runtime from the binaries next to
/// kctl (a no-op when an image of the same binaries exists) and gives it extra tags, `kcluster-node:latest` by
/// default, which docker/compose.yaml runs. Prints the content tag. `scripts/docker-image` wraps it.
struct DockerBuildImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-image",
        abstract: "Build the node image for --runtime docker and docker/compose.yaml from the binaries next to kctl.")

    @Option(name: .customLong("tag"), help: "Extra tag for the image (repeatable).")
    var tags: [String] = ["\(DockerRootfs.repository):latest"]

    func run() async throws {
        try await ClusterCommandRunner.run {
            let docker = try await DockerEngineSetup().ensure()
            let image = try await DockerImageBuilder(docker: docker, binaries: .current())
                .ensureImage(extraTags: tags, note: DockerRuntime.note)
            ClusterCommandRunner.write("\(image)\n")
        }
    }
}
