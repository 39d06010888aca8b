import ArgumentParser
import KubeAPI
import Wire

/// `kctl version`: client version, and the server's when reachable.
struct Version: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the client and server version information.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "If true, shows client version only (no server required).")
    var client = false

    func run() async throws {
        print("Client Version: \(WireVersion.softwareVersion)")
        guard !client else { return }
        do {
            let agent = try await APIClient.with(global) { client in client.wire.serverAgent }
            let version = agent.split(separator: "/", maxSplits: 1).last.map(String.init) ?? agent
            print("Server Version: \(version)")
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
    }
}
