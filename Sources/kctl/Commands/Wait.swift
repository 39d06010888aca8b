import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl wait ([-f FILE] | TYPE/NAME... | TYPE NAME... | TYPE (-l SELECTOR | --all)) --for=delete|create|
/// condition=C[=V]|jsonpath='{...}'[=V] [--timeout 30s]`: waits for each object in turn, printing kubectl's
/// `pod/x condition met`, or fails with `timed out waiting for the condition on pods/x`. Waits are watches that
/// survive control-plane restarts (``RetryingWatcher``).
struct Wait: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Experimental: Wait for a specific condition on one or many resources.",
        discussion: """
            Waits for --for=delete, --for=create, --for=condition=NAME[=VALUE] (default value true) or \
            --for=jsonpath='{EXPR}'[=VALUE] on each object. --timeout 0 checks once; a negative timeout waits a \
            week.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "TYPE/NAME..., TYPE NAME..., or TYPE with -l or --all.")
    var arguments: [String] = []

    @Option(name: .customLong("for"), help: "The condition to wait on: delete, create, condition=NAME[=VALUE], jsonpath='{EXPR}'[=VALUE].")
    var condition: String = ""

    @Option(help: "How long to wait before giving up (Go duration, e.g. 30s, 5m); 0 checks once.")
    var timeout: String = "30s"

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Select all resources of the given types in the namespace.")
    var all = false

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Wait on objects in every namespace.")
    var allNamespaces = false

    @Option(name: [.customShort("f"), .customLong("filename")], help: "Files or directories naming the objects.")
    var filenames: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Read -f directories recursively.")
    var recursive = false

    func run() async throws {
        let condition: WaitCondition
        let limit: Duration
        do {
            condition = try WaitCondition.parse(self.condition)
            limit = try waitLimit()
        } catch {
            ErrorReporting.printError("error: \(error)")
            throw ExitCode(1)
        }
        if arguments.isEmpty && filenames.isEmpty {
            ErrorReporting.printError("error: " + ResourceTargets.noResources)
            throw ExitCode(1)
        }
        do {
            let errors = try await APIClient.with(global) { client -> [any Error] in
                let targets = try await resolve(client, condition: condition)
                let clock = ContinuousClock()
                let deadline = clock.now + limit
                // As kubectl's visitor with ContinueOnError: every object is waited for (until the one deadline),
                // and the failures are reported together at the end.
                var errors: [any Error] = []
                let waitsForCreation: Bool
                if case .create = condition { waitsForCreation = true } else { waitsForCreation = false }
                for target in targets {
                    do {
                        guard target.exists else { throw Status.notFound(target.kind, name: target.name) }
                        try await wait(for: target, until: condition, deadline: deadline, client: client)
                        FileHandle.standardOutput.write(Data("\(target.printed) condition met\n".utf8))
                    } catch is WaitCondition.Failure where waitsForCreation {
                        // kubectl polls for the objects to exist first and reports that wait's timeout bare.
                        return [WaitCondition.Failure(description: "timed out waiting for the condition")] as [any Error]
                    } catch {
                        errors.append(error)
                    }
                }
                return errors
            }
            if !errors.isEmpty {
                ErrorReporting.printError(KubectlErrors.checkErr(AggregateError(errors: errors)))
                throw ExitCode(1)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
    }

    /// `--timeout`: 0 checks once, a negative value waits a week (kubectl's reading).
    private func waitLimit() throws(WaitCondition.Failure) -> Duration {
        if timeout.hasPrefix("-") {
            guard DurationText.parse(String(timeout.dropFirst())) != nil else { throw invalidTimeout() }
            return .seconds(7 * 24 * 3600)
        }
        guard let duration = DurationText.parse(timeout) else { throw invalidTimeout() }
        return duration
    }

    private func invalidTimeout() -> WaitCondition.Failure {
        WaitCondition.Failure(
            description:
                "invalid argument \(GoQuote.quote(timeout)) for \"--timeout\" flag: time: invalid duration \(GoQuote.quote(timeout))")
    }

    /// The objects to wait on, in argument order. A missing named object is an error, except when waiting for its
    /// deletion (then there is nothing to wait on) or creation.
    private func resolve(_ client: APIClient, condition: WaitCondition) async throws -> [WaitTarget] {
        let namespace = allNamespaces ? nil : client.defaultNamespace
        var targets: [WaitTarget] = []
        for manifest in try ManifestSource.read(filenames, recursive: recursive) {
            let o = JSONFields(manifest.object)
            let kindName = o.string("kind") ?? ""
            guard let kind = ResourceKind.lookUp(kind: kindName) else {
                throw ManifestError("the server doesn't have a resource type \(GoQuote.quote(kindName))")
            }
            targets.append(WaitTarget(kind: kind, namespace: o.namespace.isEmpty ? namespace : o.namespace, name: o.name))
        }
        if !arguments.isEmpty {
            let selection = ResourceTargets(
                arguments: arguments, selector: all ? nil : selector, allowEmptySelector: all || selector != nil)
            for query in try selection.queries() {
                if !query.names.isEmpty {
                    targets += query.names.map { WaitTarget(kind: query.kind, namespace: namespace, name: $0) }
                    continue
                }
                let list = try await client.list(query.kind, namespace: namespace, labelSelector: all ? nil : selector)
                targets += (list?["items"]?.arrayValue ?? []).map { item in
                    let o = JSONFields(item)
                    return WaitTarget(kind: query.kind, namespace: o.namespace.isEmpty ? nil : o.namespace, name: o.name)
                }
            }
        }
        switch condition {
        case .create:
            return targets
        case .delete:  // what is gone already has nothing to wait for (and kubectl prints nothing for it)
            var present: [WaitTarget] = []
            for target in targets where try await current(target, client) != nil { present.append(target) }
            return present
        default:
            guard !targets.isEmpty else { throw ManifestError("no matching resources found") }
            var checked: [WaitTarget] = []
            for var target in targets {
                target.exists = try await current(target, client) != nil
                checked.append(target)
            }
            return checked
        }
    }

    /// Watches one object (by name) until the condition holds, failing at the deadline.
    private func wait(
        for target: WaitTarget, until condition: WaitCondition, deadline: ContinuousClock.Instant, client: APIClient
    ) async throws {
        let named = ListOptions(fieldSelector: "metadata.name=\(target.name)")
        let list = APIRequests.list(target.kind, namespace: target.namespace, options: named)
        let timedOut = WaitCondition.Failure(
            description: "timed out waiting for the condition on \(target.resourceName)")
        if deadline <= .now {  // --timeout 0: check once
            guard try condition.isMet(by: try await current(target, client)) else { throw timedOut }
            return
        }
        let request = list
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await RetryingWatcher(list: request, client: client).run(APIWatchTransport(client: client)) { update in
                    switch update {
                    case .listed(let items):
                        return try condition.isMet(by: items.first)
                    case .event(let event):
                        switch event.type {
                        case .added, .modified: return try condition.isMet(by: event.object)
                        case .deleted: return try condition.isMet(by: nil)
                        case .bookmark: return false
                        }
                    }
                }
            }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw timedOut
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// The object as stored now, or nil when there is none.
    private func current(_ target: WaitTarget, _ client: APIClient) async throws -> JSONValue? {
        do {
            return try await client.get(target.kind, namespace: target.namespace, name: target.name)
        } catch let status as Status where status.reason == .notFound {
            return nil
        }
    }
}
