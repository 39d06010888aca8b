/// Kubernetes' name and label validation primitives, with the classic (Kubernetes <= 1.33) message texts of
/// `k8s.io/apimachinery/pkg/util/validation`.
///
/// The `is…` functions return the message details (empty when valid), exactly as upstream's `IsDNS1123Subdomain`
/// and friends do; the `validate…` functions wrap them into ``FieldError``s. Lengths are counted in UTF-8 bytes,
/// as Go's `len` does. Everything here is pure.
public enum Validation {
    /// Checks a name (or, with `prefix`, a `generateName` prefix) and returns message details.
    /// Mirrors `apimachinery/pkg/api/validation.ValidateNameFunc`.
    public typealias NameValidator = @Sendable (_ name: String, _ prefix: Bool) -> [String]

    // MARK: Limits and regex sources (as quoted in the messages)

    public static let dns1123LabelMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253
    public static let dns1035LabelMaxLength = 63

    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"

    static let dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
        + "or '-', and must start and end with an alphanumeric character"
    static let dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
        + "characters, '-' or '.', and must start and end with an alphanumeric character"
    static let dns1035LabelMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
        + "start with an alphabetic character, and end with an alphanumeric character"

    // MARK: Message builders (upstream MaxLenError, RegexError, EmptyError)

    /// `must be no more than 63 characters`
    public static func maxLengthError(_ length: Int) -> String {
        "must be no more than \(length) characters"
    }

    /// `must be non-empty`
    public static func emptyError() -> String {
        "must be non-empty"
    }

    /// Upstream `RegexError`: `<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')`.
    /// The double space before `or` is how upstream builds the text and is kept on purpose.
    public static func regexError(_ message: String, format: String, examples: [String]) -> String {
        if examples.isEmpty {
            return message + " (regex used for validation is '" + format + "')"
        }
        var out = message + " (e.g. "
        for (index, example) in examples.enumerated() {
            if index > 0 { out += " or " }
            out += "'" + example + "', "
        }
        return out + "regex used for validation is '" + format + "')"
    }

    // MARK: DNS names

    /// RFC 1123 label (container names, node-local names): at most 63 characters of `[-a-z0-9]`,
    /// starting and ending with an alphanumeric character.
    public static func isDNS1123Label(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123LabelMaxLength {
            errors.append(maxLengthError(dns1123LabelMaxLength))
        }
        if !matchesDNS1123Label(Array(value.utf8)[...]) {
            errors.append(regexError(dns1123LabelMessage, format: dns1123LabelFormat, examples: ["my-name", "123-abc"]))
        }
        return errors
    }

    /// RFC 1123 subdomain (most object names): at most 253 characters; dot-separated RFC 1123 labels.
    public static func isDNS1123Subdomain(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength {
            errors.append(maxLengthError(dns1123SubdomainMaxLength))
        }
        let parts = Array(value.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if !parts.allSatisfy(matchesDNS1123Label) {
            errors.append(regexError(dns1123SubdomainMessage, format: dns1123SubdomainFormat,
                                     examples: ["example.com"]))
        }
        return errors
    }

    /// RFC 1035 label (Service names): at most 63 characters of `[-a-z0-9]`, starting with a letter and ending
    /// with an alphanumeric character.
    public static func isDNS1035Label(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1035LabelMaxLength {
            errors.append(maxLengthError(dns1035LabelMaxLength))
        }
        let bytes = Array(value.utf8)
        if !(matchesDNS1123Label(bytes[...]) && bytes.first.map(isLowerAlpha) == true) {
            errors.append(regexError(dns1035LabelMessage, format: dns1035LabelFormat, examples: ["my-name", "abc-123"]))
        }
        return errors
    }

    // MARK: Name validators (upstream NameIsDNSSubdomain, NameIsDNSLabel, NameIsDNS1035Label)

    /// Object names that are DNS subdomains (DaemonSet, Deployment, Pod, ControllerRevision, Node).
    public static func nameIsDNSSubdomain(_ name: String, prefix: Bool) -> [String] {
        isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name)
    }

    /// Object names that are RFC 1123 labels (Namespace).
    public static func nameIsDNSLabel(_ name: String, prefix: Bool) -> [String] {
        isDNS1123Label(prefix ? maskTrailingDash(name) : name)
    }

    /// Object names that are RFC 1035 labels (Service).
    public static func nameIsDNS1035Label(_ name: String, prefix: Bool) -> [String] {
        isDNS1035Label(prefix ? maskTrailingDash(name) : name)
    }

    /// Upstream `maskTrailingDash`: a `generateName` may end in `-`; replace the last two characters with `a`
    /// so the prefix can be checked as a complete name (the quirk of dropping two characters is upstream's).
    static func maskTrailingDash(_ name: String) -> String {
        guard name.utf8.count > 1, name.hasSuffix("-") else { return name }
        return String(name.dropLast(2)) + "a"
    }

    // MARK: Field errors

    /// Validates `metadata.name` / `metadata.generateName` as upstream `ValidateObjectMeta` does.
    ///
    /// - `generateName`, when set, is checked as a prefix (`<field>.generateName: Invalid value: …`).
    /// - A missing name yields `<field>.name: Required value: name or generateName is required`, unless a
    ///   `generateName` is given (the server generates the name from it before validating, as upstream does).
    /// - An invalid name yields one `<field>.name: Invalid value: "<name>": <detail>` per message.
    public static func validateObjectMetaName(
        name: String?,
        generateName: String?,
        field: String = "metadata",
        namer: NameValidator = { nameIsDNSSubdomain($0, prefix: $1) }
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let generateName = generateName ?? ""
        let name = name ?? ""
        if !generateName.isEmpty {
            for message in namer(generateName, true) {
                errors.append(.invalid("\(field).generateName", GoQuote.quote(generateName), message))
            }
        }
        if name.isEmpty {
            if generateName.isEmpty {
                errors.append(.required("\(field).name", "name or generateName is required"))
            }
        } else {
            for message in namer(name, false) {
                errors.append(.invalid("\(field).name", GoQuote.quote(name), message))
            }
        }
        return errors
    }

    // MARK: Character classes

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?` over bytes.
    static func matchesDNS1123Label(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isLowerAlnum(first) && isLowerAlnum(last)
            && bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    static func isLowerAlpha(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isLowerAlnum(_ byte: UInt8) -> Bool {
        isLowerAlpha(byte) || isDigit(byte)
    }

    static func isAlnum(_ byte: UInt8) -> Bool {
        isLowerAlnum(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
