import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Runs one probe against a real container process (the I/O half of the prober; ``ProbeTracker`` is the pure
/// half): `exec` in the container's sandbox, `httpGet` and `tcpSocket` to the pod's own address, which on this
/// node is loopback (pods share the node's network), or to a loopback `host`; any other host is refused.
enum ProbeRunner {
    /// Runs `request`; `output` says why a probe failed, as the kubelet's `Unhealthy` events do.
    static func run(_ request: ProbeRequest, context: ContainerProcessContext?) async -> (success: Bool, output: String) {
        switch request.action {
        case .unsupported(let reason):
            return (false, reason)
        case .exec(let command):
            guard let context else { return (false, "the container is not running") }
            return await exec(command, context: context, timeout: request.timeout)
        case .tcpSocket(let host, let port):
            guard let address = address(host, podIP: request.podIP) else {
                return (false, "probe host \(host ?? "") is neither loopback nor the pod's address")
            }
            return await blocking {
                switch ProbeSocket.connect(address, port: port, timeout: request.timeout) {
                case .success(let descriptor):
                    close(descriptor)
                    return (true, "")
                case .failure(let error):
                    return (false, "dial tcp \(host ?? request.podIP):\(port): \(error.text)")
                }
            }
        case .httpGet(let host, let port, let path, let scheme, let headers):
            let shown = "\(scheme.lowercased())://\(host ?? request.podIP):\(port)\(path)"
            guard scheme.uppercased() == "HTTP" else { return (false, "Get \"\(shown)\": HTTPS probes are not supported by the emulator") }
            guard let address = address(host, podIP: request.podIP) else {
                return (false, "probe host \(host ?? "") is neither loopback nor the pod's address")
            }
            return await blocking {
                ProbeSocket.httpGet(
                    address, port: port, path: path, hostHeader: headers["Host"] ?? "\(host ?? request.podIP):\(port)",
                    headers: headers.filter { $0.key != "Host" }, timeout: request.timeout, shown: shown)
            }
        }
    }

    /// Where a probe connects: loopback for the pod's own address (pods share the node's network) and for
    /// loopback hosts; `nil` for anything else.
    static func address(_ host: String?, podIP: String) -> String? {
        guard let host, host != podIP else { return podIP.hasPrefix("127.") ? podIP : "127.0.0.1" }
        if host == "localhost" { return "127.0.0.1" }
        return host.hasPrefix("127.") ? host : nil
    }

    private static func exec(_ command: [String], context: ContainerProcessContext, timeout: TimeInterval) async
        -> (success: Bool, output: String)
    {
        guard case .real(let executable, _) = ContainerProgram.program(
            command, providedBy: ImageCatalogue.standard.entry(for: context.image), programs: .host)
        else { return (false, "exec: \"\(command.first ?? "")\": executable file not found in $PATH") }
        do {
            let launch = try ExecRunner.launchCommand(executable, command, context: context, tty: false, helper: "")
            var options = PlatformOptions()
            options.createSession = true
            options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(200))]
            var environment: [Environment.Key: String] = [:]
            for (name, value) in context.environment {
                if let key = Environment.Key(rawValue: name) { environment[key] = value }
            }
            let (platformOptions, processEnvironment) = (options, environment)
            let (program, arguments, directory) = (launch.executable, launch.arguments, launch.startDirectory)
            let outcome = try await withThrowingTaskGroup(of: (Bool, String)?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        .path(FilePath(program)), arguments: arguments,
                        environment: .custom(processEnvironment), workingDirectory: FilePath(directory),
                        platformOptions: platformOptions, input: .none, output: .string(limit: 4096),
                        error: .combinedWithOutput)
                    let text = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                    switch result.terminationStatus {
                    case .exited(0): return (true, text)
                    case .exited(let code): return (false, text.isEmpty ? "command exited with \(code)" : text)
                    case .signaled(let signal): return (false, "command was killed by signal \(signal)")
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            return outcome ?? (false, "command timed out after \(GoDuration.format(seconds: timeout))")
        } catch {
            return (false, "\(error)")
        }
    }

    /// Runs `body` on a thread of its own (sockets with timeouts block).
    private static func blocking(_ body: @escaping @Sendable () -> (Bool, String)) async -> (success: Bool, output: String) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
    }
}
