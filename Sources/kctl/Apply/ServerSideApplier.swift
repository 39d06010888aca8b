import Foundation
import KubeAPI
import Wire

/// `kctl apply --server-side`: each manifest goes to the server whole, as an apply (patch type `apply`) by a field
/// manager; the server merges it, keeps field ownership and reports conflicts with other managers. Prints kubectl's
/// lines (`deployment.apps/redis serverside-applied`) and, for a conflict, kubectl's advice.
struct ServerSideApplier {
    /// The manager kctl applies as unless `--field-manager` names another.
    static let defaultFieldManager = "kctl"

    var fieldManager: String
    var force: Bool
    var dryRun: DryRunStrategy

    /// What kubectl says after a conflict's message.
    static let conflictAdvice = """
        Please review the fields above--they currently have other managers. Here
        are the ways you can resolve this warning:
        * If you intend to manage all of these fields, please re-run the apply
          command with the `--force-conflicts` flag.
        * If you do not intend to manage all of the fields, please edit your
          manifest to remove references to the fields that should keep their
          current managers.
        * You may co-own fields by updating your manifest to match the existing
          value; in this case, you'll become the manager if the other manager(s)
          stop managing the field (remove it from their configuration).
        See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
        """

    /// The apply request for `manifest` (an object of `kind` named `name`) in `namespace`.
    func request(_ manifest: JSONValue, kind: ResourceKind, namespace: String?, name: String) -> Request {
        var request = Request(verb: .patch, kind: kind.kind, namespace: kind.namespaced ? namespace : nil, name: name)
        var config = manifest
        if kind.namespaced, let namespace { config[path: ["metadata", "namespace"]] = .string(namespace) }
        request.patch = config
        request.patchType = .apply
        request.fieldManager = fieldManager
        request.force = force
        request.dryRun = dryRun == .server ? true : nil
        return request
    }

    /// The managers whose client-side applies become the applier's on its first server-side apply: kctl's (its
    /// writes carry no field manager, so the server records them as `kctl`) and kubectl's.
    static let clientSideManagers: Set<String> = ["kctl", "kubectl-client-side-apply"]

    /// The JSON patch that hands the fields the client-side managers own to the applier (kubectl's migration before
    /// a server-side apply), conditional on `live`'s resourceVersion; nil when `live` was not client-side applied or
    /// has nothing to move.
    func upgradePatch(live: JSONValue) -> JSONValue? {
        guard live[path: ["metadata", "annotations", ApplyPlanner.lastAppliedAnnotation]] != nil,
            let entries = FieldOwnership.upgradingClientSideApply(live, from: Self.clientSideManagers, to: fieldManager)
        else { return nil }
        var operations: [JSONValue] = []
        if let version = live[path: ["metadata", "resourceVersion"]] {
            operations.append(["op": "test", "path": "/metadata/resourceVersion", "value": version])
        }
        operations.append(["op": "replace", "path": "/metadata/managedFields", "value": entries])
        return .array(operations)
    }

    /// The line printed for an applied object.
    func line(kind: ResourceKind, name: String) -> String {
        "\(kind.printName)/\(name) serverside-applied\(dryRun.suffix)"
    }

    /// What kubectl prints for a failed apply: a conflict's message with the advice, else the server's error.
    static func errorText(_ error: any Error) -> String {
        if let status = error as? Status, status.code == 409,
            status.details?.causes?.contains(where: { $0.reason == "FieldManagerConflict" }) == true
        {
            return "error: \(status.message ?? "")\n\(conflictAdvice)"
        }
        return ErrorReporting.render(error)
    }
}
