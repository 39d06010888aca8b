/// What a request asks of a ``Table`` answer: Kubernetes' `TableOptions`, from a request's `as` and
/// `includeObject` members (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io` and `?includeObject=` over HTTP).
public struct TableOptions: Sendable, Hashable {
    /// What each row's `object` carries: Kubernetes' `IncludeObjectPolicy`.
    public enum IncludeObject: String, Sendable, Hashable, CaseIterable {
        /// The object's `PartialObjectMetadata` (the default): what kubectl needs for `-A`, `--show-labels`, `-L`.
        case metadata = "Metadata"
        /// The whole object (kubectl asks for it with `--sort-by`).
        case object = "Object"
        /// No object (`null`).
        case none = "None"
    }

    /// What each row's `object` carries.
    public var includeObject: IncludeObject

    public init(includeObject: IncludeObject = .metadata) {
        self.includeObject = includeObject
    }

    /// The value of `as` that asks for a Table.
    public static let tableConversion = "Table"

    /// The options a request's `as` and `includeObject` ask for; `nil` when `as` is absent (answer objects).
    /// - Throws: ``Status`` 406 `NotAcceptable` for an `as` other than `Table`, as Kubernetes answers an `Accept`
    ///   it cannot serve; 400 `BadRequest` for an `includeObject` other than `Metadata`, `Object`, `None` or empty.
    public static func requested(as conversion: String?, includeObject: String?) throws(Status) -> TableOptions? {
        guard let conversion else { return nil }
        guard conversion == tableConversion else {
            throw Status(
                code: 406, reason: .notAcceptable,
                message: "only the following media types are accepted: application/json, "
                    + "application/json;as=Table;v=v1;g=meta.k8s.io")
        }
        guard let text = includeObject, !text.isEmpty else { return TableOptions() }
        guard let policy = IncludeObject(rawValue: text) else {
            throw Status.badRequest(
                "Unable to convert to Table as requested: includeObject: Invalid value: \(GoQuote.quote(text)): "
                    + "must be 'Metadata', 'Object', 'None', or empty")
        }
        return TableOptions(includeObject: policy)
    }

    /// A row's `object` for `object` (an API object as JSON) under this policy.
    public func rowObject(_ object: JSONValue) -> JSONValue? {
        switch includeObject {
        case .object:
            return object
        case .none:
            return nil
        case .metadata:
            return [
                "kind": "PartialObjectMetadata", "apiVersion": .string(Table.apiVersion),
                "metadata": object["metadata"] ?? [:],
            ]
        }
    }
}

extension StatusReason {
    /// 406: the server cannot answer in the form asked for (an unknown `as`).
    public static let notAcceptable = StatusReason(rawValue: "NotAcceptable")
}
