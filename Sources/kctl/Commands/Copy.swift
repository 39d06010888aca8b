import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl cp SRC DEST` (one of them `[namespace/]pod:path`) `[-c CONTAINER] [--no-preserve]`: copies files and
/// directories to and from a container as kubectl does, through `pods/exec` and the container's `tar`: to it,
/// `test -d` on the destination, then a tar stream into `tar -xmf - -C DIR`; from it, `tar cf - PATH` unpacked here
/// (the remote tar's messages go to standard output, as kubectl's).
struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp", abstract: "Copy files and directories to and from containers.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "SRC and DEST: a local path and [namespace/]pod:path.")
    var arguments: [String] = []

    @Option(name: [.short, .customLong("container")], help: "Container name. If omitted, the first container in the pod will be chosen.")
    var container: String?

    @Flag(help: "The copied file/directory's ownership and permissions will not be preserved in the container.")
    var noPreserve = false

    func run() async throws {
        let source: CopySpec
        let destination: CopySpec
        do {
            (source, destination) = try CopySpec.direction(arguments)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        if destination.pod != nil, !FileManager.default.fileExists(atPath: source.path) {
            ErrorReporting.printError("error: \(source.path) doesn't exist in local filesystem")
            throw ExitCode(1)
        }
        let options = self
        let (code, message) = try await APIClient.with(global) { client -> (Int32, String?) in
            do {
                if destination.pod != nil {
                    return try await options.toPod(source.path, destination, client: client)
                }
                try await options.fromPod(source, to: destination.path, client: client)
                return (0, nil)
            } catch {
                return (1, StreamErrorReporting.render(error))
            }
        }
        if let message { ErrorReporting.printError(message) }
        if code != 0 { throw ExitCode(code) }
    }

    /// Sends `local` into the container: into the destination directory when it is one, else as that path.
    private func toPod(_ local: String, _ destination: CopySpec, client: APIClient) async throws -> (Int32, String?) {
        let (namespace, pod, container) = try await target(destination, client: client)
        var remote = destination.path
        let isDirectory = try await exec(["test", "-d", remote], namespace: namespace, pod: pod, container: container, client: client)
        if case .exited(let status)? = isDirectory.outcome, status.execExitCode == 0 {
            remote = CopySpec.join(remote, CopySpec.base(CopySpec.clean(local)))
        }
        let archive = TarArchive.write(
            try LocalTree.entries(source: CopySpec.clean(local), destinationName: CopySpec.base(CopySpec.clean(remote))))
        var command = noPreserve ? ["tar", "--no-same-permissions", "--no-same-owner", "-xmf", "-"] : ["tar", "-xmf", "-"]
        let directory = CopySpec.dir(CopySpec.clean(remote))
        if !directory.isEmpty { command += ["-C", directory] }
        let result = try await exec(
            command, input: archive, namespace: namespace, pod: pod, container: container, client: client,
            output: { chunk in StandardOutput.write(chunk) })
        return ExecPlan.exit(for: result.outcome)
    }

    /// Unpacks the container's archive of `source` at `local`.
    private func fromPod(_ source: CopySpec, to local: String, client: APIClient) async throws {
        let (namespace, pod, container) = try await target(source, client: client)
        let result = try await exec(
            ["tar", "cf", "-", source.path], namespace: namespace, pod: pod, container: container, client: client,
            output: { chunk in
                // kubectl hands the remote tar's standard error to its own standard output.
                if chunk.stream == .stderr { FileHandle.standardOutput.write(Data(chunk.bytes)) }
            })
        let entries = try TarArchive.read(result.stdout)
        let hint = "consider using \"kctl exec -n \(GoQuote.quote(namespace)) \(GoQuote.quote(pod)) -- tar cf - \(GoQuote.quote(source.path)) | tar xf -\""
        let warnings = try LocalTree.extract(
            entries, prefix: CopySpec.archivePrefix(source.path), destination: local, skippedLinkHint: hint)
        for warning in warnings { ErrorReporting.printError(warning) }
    }

    /// The pod's namespace and name and the container to run in (`-c`, else the default, with kubectl's notice).
    private func target(_ spec: CopySpec, client: APIClient) async throws -> (namespace: String, pod: String, container: String) {
        let namespace = spec.namespace ?? client.defaultNamespace
        let name = spec.pod ?? ""
        guard let object = try await client.get(.pod, namespace: namespace, name: name) else {
            throw Status.notFound(.pod, name: name)
        }
        let pod = try object.decode(as: Pod.self)
        if let refusal = ExecPlan.refusal(for: pod) { throw refusal }
        if let container, !container.isEmpty { return (namespace, name, container) }
        let (chosen, notices) = PodSelection.defaultContainer(of: pod)
        for line in notices { ErrorReporting.printError(line) }
        return (namespace, name, chosen)
    }

    /// Runs `command` in the container with `input` on its standard input (closed after it); its standard output
    /// is collected, every chunk also handed to `output`.
    private func exec(
        _ command: [String], input: [UInt8]? = nil, namespace: String, pod: String, container: String,
        client: APIClient, output: @escaping @Sendable (StreamChunk) -> Void = { _ in }
    ) async throws -> (stdout: [UInt8], outcome: StreamOutcome?) {
        var request = Request(verb: .create, kind: ResourceKind.pod.kind, namespace: namespace, name: pod)
        request.subresource = Request.execSubresource
        request.container = container
        request.command = command
        if input != nil { request.stdin = true }
        let stream = client.wire.stream(request)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            if let input {
                group.addTask {
                    var offset = 0
                    while offset < input.count {
                        let end = min(offset + 32 * 1024, input.count)
                        await stream.write(Array(input[offset..<end]))
                        offset = end
                    }
                    await stream.closeStdin()
                }
            }
            defer { group.cancelAll() }
            var collected: [UInt8] = []
            do {
                while let chunk = try await stream.next() {
                    if chunk.stream == .stdout && input == nil { collected += chunk.bytes }
                    output(chunk)
                }
            } catch let status as Status where status.reason != nil {
                // The exec itself refused (an unknown container...): kubectl's executor says `error: <message>`.
                throw LogsExecError(status.message ?? "")
            }
            return (collected, stream.outcome)
        }
    }
}
