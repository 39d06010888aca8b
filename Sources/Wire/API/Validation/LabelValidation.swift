/// Label keys (qualified names), label values, and the `metadata.labels` / `metadata.annotations` checks,
/// with the classic upstream messages.
extension Validation {
    public static let qualifiedNameMaxLength = 63
    public static let labelValueMaxLength = 63
    /// Upstream `TotalAnnotationSizeLimitB`: 256 KiB over all keys and values.
    public static let totalAnnotationSizeLimitBytes = 256 * 1024

    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let qualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', "
        + "and must start and end with an alphanumeric character"
    static let qualifiedNameExamples = ["MyName", "my.name", "123-abc"]
    static let labelValueFormat = "(" + qualifiedNameFormat + ")?"
    static let labelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, "
        + "'-', '_' or '.', and must start and end with an alphanumeric character"

    /// A qualified name (label key, annotation key): an optional DNS-1123 subdomain prefix and `/`, then a name
    /// part of at most 63 characters of `[-A-Za-z0-9_.]` starting and ending alphanumeric.
    ///
    /// Messages: `prefix part must be non-empty`, `prefix part <subdomain message>`, `name part must be non-empty`,
    /// `name part must be no more than 63 characters`, `name part must consist of …`, and for more than one `/`
    /// `a qualified name must consist of … with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`.
    public static func isQualifiedName(_ value: String) -> [String] {
        var errors: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part " + emptyError())
            } else {
                errors += isDNS1123Subdomain(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name "
                + regexError(qualifiedNameMessage, format: qualifiedNameFormat, examples: qualifiedNameExamples)
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part " + emptyError())
        } else if name.utf8.count > qualifiedNameMaxLength {
            errors.append("name part " + maxLengthError(qualifiedNameMaxLength))
        }
        if !matchesQualifiedNamePart(Array(name.utf8)) {
            errors.append("name part "
                + regexError(qualifiedNameMessage, format: qualifiedNameFormat, examples: qualifiedNameExamples))
        }
        return errors
    }

    /// A label value: empty, or at most 63 characters of `[-A-Za-z0-9_.]` starting and ending alphanumeric.
    public static func isValidLabelValue(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > labelValueMaxLength {
            errors.append(maxLengthError(labelValueMaxLength))
        }
        let bytes = Array(value.utf8)
        if !(bytes.isEmpty || matchesQualifiedNamePart(bytes)) {
            errors.append(regexError(labelValueMessage, format: labelValueFormat,
                                     examples: ["MyValue", "my_value", "12345"]))
        }
        return errors
    }

    // MARK: Field errors

    /// Upstream `ValidateLabelName`: one `Invalid value: "<key>": <detail>` per message, on `field`.
    public static func validateLabelName(_ key: String, field: String) -> [FieldError] {
        isQualifiedName(key).map { .invalid(field, GoQuote.quote(key), $0) }
    }

    /// Upstream `ValidateLabels`: every key as a qualified name and every value as a label value, all reported
    /// on `field` itself (`metadata.labels: Invalid value: "bad value!": a valid label must …`).
    /// Keys are visited in sorted order so the output is deterministic.
    public static func validateLabels(_ labels: [String: String]?, field: String) -> [FieldError] {
        guard let labels else { return [] }
        var errors: [FieldError] = []
        for key in labels.keys.sorted() {
            errors += validateLabelName(key, field: field)
            let value = labels[key] ?? ""
            errors += isValidLabelValue(value).map { .invalid(field, GoQuote.quote(value), $0) }
        }
        return errors
    }

    /// Upstream `ValidateAnnotations`: keys are qualified names (checked lower-cased, as upstream does; the
    /// original key is shown), and keys plus values together may not exceed 262144 bytes
    /// (`metadata.annotations: Too long: must have at most 262144 bytes`).
    public static func validateAnnotations(_ annotations: [String: String]?, field: String) -> [FieldError] {
        guard let annotations else { return [] }
        var errors: [FieldError] = []
        var totalSize = 0
        for key in annotations.keys.sorted() {
            errors += isQualifiedName(key.lowercased()).map { .invalid(field, GoQuote.quote(key), $0) }
            totalSize += key.utf8.count + (annotations[key]?.utf8.count ?? 0)
        }
        if totalSize > totalAnnotationSizeLimitBytes {
            errors.append(.tooLong(field, "must have at most \(totalAnnotationSizeLimitBytes) bytes"))
        }
        return errors
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` over bytes.
    static func matchesQualifiedNamePart(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isAlnum(first) && isAlnum(last) && bytes.allSatisfy { byte in
            isAlnum(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }
}
