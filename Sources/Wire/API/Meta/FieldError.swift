/// One validation error on one field, rendered as Kubernetes renders `field.Error`:
/// `spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`.
public struct FieldError: Sendable, Hashable, CustomStringConvertible {
    /// The kinds of field error, each with its fixed body prefix.
    public enum ErrorType: Sendable, Hashable {
        case required
        case invalid
        case notSupported
        case forbidden
        case duplicate
        case tooLong
        case tooMany
        case notFound

        /// `details.causes[].reason` on the wire.
        public var causeReason: String {
            switch self {
            case .required: "FieldValueRequired"
            case .invalid: "FieldValueInvalid"
            case .notSupported: "FieldValueNotSupported"
            case .forbidden: "FieldValueForbidden"
            case .duplicate: "FieldValueDuplicate"
            case .tooLong: "FieldValueTooLong"
            case .tooMany: "FieldValueTooMany"
            case .notFound: "FieldValueNotFound"
            }
        }
    }

    public var type: ErrorType
    /// The field path: `spec.selector.matchExpressions[0].values`.
    public var field: String
    /// The rendered bad value, when the type shows one (`"Never"`, `-1`, `map[string]string{"app":"x"}`).
    public var renderedValue: String?
    /// Free text after the value.
    public var detail: String

    public init(type: ErrorType, field: String, renderedValue: String? = nil, detail: String = "") {
        self.type = type
        self.field = field
        self.renderedValue = renderedValue
        self.detail = detail
    }

    /// The body after `<field>: `.
    public var body: String {
        switch type {
        case .required:
            return detail.isEmpty ? "Required value" : "Required value: \(detail)"
        case .invalid:
            let value = renderedValue ?? "null"
            return detail.isEmpty ? "Invalid value: \(value)" : "Invalid value: \(value): \(detail)"
        case .notSupported:
            let value = renderedValue ?? "null"
            return detail.isEmpty ? "Unsupported value: \(value)" : "Unsupported value: \(value): \(detail)"
        case .forbidden:
            return detail.isEmpty ? "Forbidden" : "Forbidden: \(detail)"
        case .duplicate:
            let value = "Duplicate value: \(renderedValue ?? "null")"
            return detail.isEmpty ? value : "\(value): \(detail)"
        case .tooLong:
            return detail.isEmpty ? "Too long" : "Too long: \(detail)"
        case .tooMany:
            let value = "Too many: \(renderedValue ?? "null")"
            return detail.isEmpty ? value : "\(value): \(detail)"
        case .notFound:
            let value = "Not found: \(renderedValue ?? "null")"
            return detail.isEmpty ? value : "\(value): \(detail)"
        }
    }

    public var description: String { "\(field): \(body)" }

    // MARK: Constructors, as in k8s.io/apimachinery/pkg/util/validation/field

    public static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(type: .required, field: field, detail: detail)
    }

    /// `renderedValue` is already rendered: strings quoted (use ``GoQuote.quote(_:)``), numbers plain.
    public static func invalid(_ field: String, _ renderedValue: String, _ detail: String) -> FieldError {
        FieldError(type: .invalid, field: field, renderedValue: renderedValue, detail: detail)
    }

    /// `supported values: "A", "B"`
    public static func notSupported(_ field: String, _ renderedValue: String, supported: [String]) -> FieldError {
        let list = supported.map { GoQuote.quote($0) }.joined(separator: ", ")
        return FieldError(type: .notSupported, field: field, renderedValue: renderedValue,
                          detail: "supported values: \(list)")
    }

    public static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(type: .forbidden, field: field, detail: detail)
    }

    public static func duplicate(_ field: String, _ renderedValue: String) -> FieldError {
        FieldError(type: .duplicate, field: field, renderedValue: renderedValue)
    }

    public static func notFound(_ field: String, _ renderedValue: String, _ detail: String = "") -> FieldError {
        FieldError(type: .notFound, field: field, renderedValue: renderedValue, detail: detail)
    }

    public static func tooLong(_ field: String, _ detail: String) -> FieldError {
        FieldError(type: .tooLong, field: field, detail: detail)
    }

    /// Go's `%#v` rendering of a `map[string]string`: `map[string]string{"app":"x", "b":"y"}` (sorted keys).
    public static func renderMap(_ map: [String: String]?) -> String {
        guard let map else { return "map[string]string(nil)" }
        let body = map.keys.sorted().map { "\(GoQuote.quote($0)):\(GoQuote.quote(map[$0]!))" }.joined(separator: ", ")
        return "map[string]string{\(body)}"
    }
}
