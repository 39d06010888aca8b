import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl scale --replicas=N [--current-replicas=C] [--resource-version=V] (KIND NAME... | KIND/NAME... | KIND --all
/// | KIND -l SELECTOR)`: sets `spec.replicas` of Deployments, ReplicaSets and StatefulSets and prints
/// `deployment.apps/x scaled`, as kubectl does.
struct Scale: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set a new size for a deployment, replica set or stateful set.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., or KIND/NAME...")
    var arguments: [String] = []

    @Option(help: "The new desired number of replicas. Required.")
    var replicas: Int?

    @Option(help: "Precondition for the current size: scale only if the resource has this many replicas (-1: any).")
    var currentReplicas: Int = -1

    @Option(help: "Precondition for the resource version: scale only if the resource has this resourceVersion.")
    var resourceVersion: String = ""

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Select all resources of the given kinds in the namespace.")
    var all = false

    /// How long a scale with a precondition keeps retrying after Conflicts (kubectl: 5 minutes, every second).
    static let conflictRetry = (interval: Duration.seconds(1), timeout: Duration.seconds(300))

    func run() async throws {
        let request: ScaleRequest
        do {
            if let problem = ScaleRequest.validate(replicas: replicas, currentReplicas: currentReplicas) {
                throw RolloutError(problem)
            }
            if arguments.isEmpty { throw RolloutError(ResourceTargets.noResources) }
            request = ScaleRequest(
                replicas: replicas ?? 0, currentReplicas: currentReplicas, resourceVersion: resourceVersion)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let targets = ResourceTargets(arguments: arguments, selector: selector, allowEmptySelector: all)
        do {
            let failures = try await APIClient.with(global) { client in
                try await Self.scale(targets, request, client)
            }
            try Rollout.finish(failures)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
    }

    /// Scales every object read, printing a line each; returns the errors reading the others (kubectl reports
    /// them after scaling what it could).
    private static func scale(_ targets: ResourceTargets, _ request: ScaleRequest, _ client: APIClient)
        async throws -> [any Error]
    {
        let fetched = try await targets.fetch(client)
        let readErrors = fetched.compactMap(\.error)
        let objects = fetched.compactMap { target -> (ResourceKind, JSONValue)? in
            guard case .success(let object) = target.object else { return nil }
            return (target.kind, object)
        }
        if !request.resourceVersion.isEmpty && objects.count > 1 {
            throw RolloutError("cannot use --resource-version with multiple resources")
        }
        if objects.isEmpty {
            if !readErrors.isEmpty { return readErrors }
            throw RolloutError("no objects passed to scale")
        }
        for (kind, object) in objects {
            guard ScaleRequest.scalable(kind) else { throw ScaleRequest.noScaleSubresource }
            let name = JSONFields(object).name
            let namespace = client.scoped(kind, client.defaultNamespace)
            if request.hasPrecondition {
                try await scaleWithPrecondition(kind, namespace: namespace, name: name, request, client)
            } else {
                try await client.patch(kind, namespace: namespace, name: name, patch: request.mergePatch, type: .merge)
            }
            print(NamePrinter.line(kind: kind.kind, name: name, operation: "scaled"))
        }
        return readErrors
    }

    /// Reads, checks the precondition, and updates with the read resourceVersion; a Conflict reads again, every
    /// ``conflictRetry`` interval until its timeout, as kubectl's scaler does.
    private static func scaleWithPrecondition(
        _ kind: ResourceKind, namespace: String?, name: String, _ request: ScaleRequest, _ client: APIClient
    ) async throws {
        let deadline = ContinuousClock.now + conflictRetry.timeout
        while true {
            guard let current = try await client.get(kind, namespace: namespace, name: name) else {
                throw Status.notFound(kind, name: name)
            }
            try request.checkPrecondition(current)
            do {
                _ = try await client.cluster.updateObject(
                    kind, request.updated(current), namespace: namespace, name: name)
                return
            } catch let status as Status where status.reason == .conflict && ContinuousClock.now < deadline {
                try await Task.sleep(for: conflictRetry.interval)
            }
        }
    }
}
