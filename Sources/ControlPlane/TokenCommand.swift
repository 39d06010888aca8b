import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `controlplane token create|list|delete`: manages the bootstrap tokens nodes join with, as `kubeadm token` does.
///
/// It edits `<data-dir>/bootstrap-tokens.json` directly; a running control plane reads that file on every join.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage bootstrap tokens (for nodes joining the cluster).",
        subcommands: [Create.self, List.self, Delete.self])

    /// The data directory option every token subcommand takes.
    struct Location: ParsableArguments {
        @Option(help: "The control plane's data directory.")
        var dataDir: String

        var store: BootstrapTokenStore { BootstrapTokenStore(dataDirectory: URL(fileURLWithPath: dataDir)) }

        func validate() throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dataDir, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError("\(dataDir) is not a directory: give the control plane's --data-dir")
            }
        }
    }

    /// `controlplane token create [TOKEN] --data-dir D [--ttl 24h] [--description X]`: prints the new token.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a bootstrap token and print it.",
            discussion: "Without TOKEN a random one is made. The token is of the form [a-z0-9]{6}.[a-z0-9]{16}.")

        @OptionGroup var location: Location

        @Argument(help: "The token to create (default: a random one).")
        var token: String?

        @Option(help: "How long the token is valid, e.g. 24h, 90m, 1h30m; 0 means it never expires.")
        var ttl: String = "24h"

        @Option(help: "A human-friendly description of the token's use.")
        var description: String = ""

        func validate() throws {
            do {
                _ = try TokenTTL.parse(ttl)
                if let token { _ = try BootstrapToken.parse(token) }
            } catch let error as BootstrapTokenError {
                throw ValidationError(error.description)
            }
        }

        func run() throws {
            let made = try location.store.create(
                token: token, ttl: try TokenTTL.parse(ttl), description: description, now: Date())
            print(made.token)
        }
    }

    /// `controlplane token list --data-dir D`: the tokens in kubeadm's columns.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List bootstrap tokens.")

        @OptionGroup var location: Location

        func run() throws {
            print(BootstrapTokenTable.render(try location.store.load(), now: Date()), terminator: "")
        }
    }

    /// `controlplane token delete ID... --data-dir D`: revokes tokens (by id, or by the whole token).
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete bootstrap tokens.")

        @OptionGroup var location: Location

        @Argument(help: "Token ids ([a-z0-9]{6}) or whole tokens to delete.")
        var tokens: [String]

        func validate() throws {
            guard !tokens.isEmpty else { throw ValidationError("missing the token (or token id) to delete") }
        }

        func run() throws {
            let store = location.store
            for token in tokens {
                try store.delete(token)
                print("bootstrap token \"\(token.prefix { $0 != "." })\" deleted")
            }
        }
    }
}
