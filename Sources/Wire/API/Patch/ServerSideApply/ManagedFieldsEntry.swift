import Foundation

/// One entry of an object's `metadata.managedFields`: the fields one manager owns, and how it came to own them.
public struct ManagedFieldsEntry: Hashable, Sendable {
    /// How the manager wrote: a server-side apply, or any other write.
    public enum Operation: String, Hashable, Sendable {
        case apply = "Apply"
        case update = "Update"
    }

    /// The field manager (`kubectl`, `kubectl-client-side-apply`, `kube-controller-manager`...).
    public var manager: String
    public var operation: Operation
    /// The API version the fields were written in (`apps/v1`).
    public var apiVersion: String
    /// When the manager last gained fields, RFC 3339 in seconds (`2026-12-07T21:50:00Z`).
    public var time: String?
    /// The fields owned.
    public var fields: FieldSet
    /// The subresource written (`status`), absent for the object itself.
    public var subresource: String?

    public init(
        manager: String, operation: Operation, apiVersion: String, time: String?, fields: FieldSet,
        subresource: String? = nil
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fields = fields
        self.subresource = subresource
    }

    /// Who an entry belongs to: Kubernetes keeps one entry per manager, operation and subresource, and, for
    /// updates, API version (an applier's entry is the same whatever version it applies in).
    public struct Identity: Hashable, Sendable {
        public var manager: String
        public var operation: Operation
        public var apiVersion: String?
        public var subresource: String?
    }

    public var identity: Identity {
        Identity(
            manager: manager, operation: operation, apiVersion: operation == .update ? apiVersion : nil,
            subresource: subresource)
    }

    /// The manager as Kubernetes names it in a conflict: `"a"` for an applier, `"kubectl-client-side-apply" using
    /// apps/v1` for an updater, with `with subresource "status"` after the name when it wrote one.
    public var conflictName: String {
        var text = JSONValue.string(manager).jsonString()
        if let subresource, !subresource.isEmpty { text += " with subresource \(JSONValue.string(subresource).jsonString())" }
        if operation == .update { text += " using \(apiVersion)" }
        return text
    }

    /// The entry as it appears in `metadata.managedFields`.
    public var json: JSONValue {
        Self.json(
            manager: manager, operation: operation, apiVersion: apiVersion, time: time, fieldsV1: fields.fieldsV1,
            subresource: subresource)
    }

    /// An entry of `metadata.managedFields` whose fields are already in `FieldsV1` form.
    static func json(
        manager: String, operation: Operation, apiVersion: String, time: String?, fieldsV1: JSONValue,
        subresource: String?
    ) -> JSONValue {
        var members: [String: JSONValue] = [
            "manager": .string(manager), "operation": .string(operation.rawValue), "apiVersion": .string(apiVersion),
            "fieldsType": "FieldsV1", "fieldsV1": fieldsV1,
        ]
        if let time { members["time"] = .string(time) }
        if let subresource, !subresource.isEmpty { members["subresource"] = .string(subresource) }
        return .object(members)
    }

    /// Reads an entry of `metadata.managedFields`.
    /// - Throws: ``PatchError`` for one that is malformed (no manager or operation, fields of another type).
    public init(json: JSONValue) throws {
        guard let manager = json["manager"]?.stringValue,
            let operation = json["operation"]?.stringValue.flatMap(Operation.init(rawValue:))
        else {
            throw PatchError(.invalidPatch, "a managedFields entry needs a manager and an operation (Apply or Update)")
        }
        if let type = json["fieldsType"]?.stringValue, type != "FieldsV1" {
            throw PatchError(.invalidPatch, "invalid fieldsType \(JSONValue.string(type).jsonString()) in managed fields")
        }
        self.init(
            manager: manager, operation: operation, apiVersion: json["apiVersion"]?.stringValue ?? "",
            time: json["time"]?.stringValue, fields: try FieldSet(fieldsV1: json["fieldsV1"] ?? .object([:])),
            subresource: json["subresource"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Kubernetes' order of entries: appliers first, then by time, manager, API version and subresource.
    static func precedes(_ lhs: ManagedFieldsEntry, _ rhs: ManagedFieldsEntry) -> Bool {
        if lhs.operation != rhs.operation { return lhs.operation == .apply }
        if lhs.time != rhs.time { return (lhs.time ?? "") < (rhs.time ?? "") }
        if lhs.manager != rhs.manager { return lhs.manager < rhs.manager }
        if lhs.apiVersion != rhs.apiVersion { return lhs.apiVersion < rhs.apiVersion }
        return (lhs.subresource ?? "") < (rhs.subresource ?? "")
    }

    /// `date` as a managedFields time (RFC 3339, seconds, UTC).
    public static func timeText(_ date: Date) -> String {
        Timestamp.format(date)
    }
}
