import Foundation
import KubeAPI
import Wire

/// core/v1 ConfigMap and Secret rules: upstream `ValidateConfigMap`, `ValidateSecret` and their updates.
enum ConfigDataRules {
    /// Upstream `MaxSecretSize`: 1 MiB over all values.
    static let maxSize = 1024 * 1024

    /// Every key of `values` checked under `field` (`data[key]`), in key order.
    static func keys(_ values: [String: String]?, field: String) -> [FieldError] {
        (values ?? [:]).keys.sorted().flatMap { key in
            Validation.isConfigMapKey(key).map { FieldError.invalid("\(field)[\(key)]", GoQuote.quote(key), $0) }
        }
    }

    /// The bytes a base64 value stands for (its text length when it is not base64).
    static func decodedSize(_ value: String) -> Int { Data(base64Encoded: value)?.count ?? value.utf8.count }

    /// `immutable` objects: the flag and the data cannot change.
    static func immutability(wasImmutable: Bool?, isImmutable: Bool?, changed: [(String, Bool)]) -> [FieldError] {
        guard wasImmutable == true else { return [] }
        var errors: [FieldError] = []
        if isImmutable != true { errors.append(.forbidden("immutable", "field is immutable when `immutable` is set")) }
        for (field, didChange) in changed where didChange {
            errors.append(.forbidden(field, "field is immutable when `immutable` is set"))
        }
        return errors
    }
}

extension ConfigMap: Validatable {
    /// Metadata (DNS-1123 subdomain name), the keys of `data` and `binaryData` (a key in both is a duplicate), and
    /// at most 1 MiB of values.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        errors += ConfigDataRules.keys(data, field: "data")
        for key in (data ?? [:]).keys.sorted() where binaryData?[key] != nil {
            errors.append(.invalid("data[\(key)]", GoQuote.quote(key), "duplicate of key present in binaryData"))
        }
        errors += ConfigDataRules.keys(binaryData, field: "binaryData")
        let size =
            (data ?? [:]).values.reduce(0) { $0 + $1.utf8.count }
            + (binaryData ?? [:]).values.reduce(0) { $0 + ConfigDataRules.decodedSize($1) }
        if size > ConfigDataRules.maxSize {
            errors.append(.tooLong("", "must have at most \(ConfigDataRules.maxSize) bytes"))
        }
        return errors
    }

    /// The metadata update rules, immutability, then the create rules.
    func validateUpdate(old: ConfigMap) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata)
            + ConfigDataRules.immutability(
                wasImmutable: old.immutable, isImmutable: immutable,
                changed: [("data", data != old.data), ("binaryData", binaryData != old.binaryData)])
            + validateCreate()
    }
}

extension Secret: Validatable {
    /// Metadata, the keys of `data`, at most 1 MiB of values, and `tls.crt` / `tls.key` for `kubernetes.io/tls`.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        errors += ConfigDataRules.keys(data, field: "data")
        let size = (data ?? [:]).values.reduce(0) { $0 + ConfigDataRules.decodedSize($1) }
        if size > ConfigDataRules.maxSize {
            errors.append(.tooLong("data", "must have at most \(ConfigDataRules.maxSize) bytes"))
        }
        if type == "kubernetes.io/tls" {
            for key in ["tls.crt", "tls.key"] where data?[key] == nil { errors.append(.required("data[\(key)]")) }
        }
        return errors
    }

    /// The metadata update rules, `type` immutable, immutability, then the create rules.
    func validateUpdate(old: Secret) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata)
            + FieldRules.immutable(
                changed: (type ?? "") != (old.type ?? ""), field: "type", rendered: GoQuote.quote(type ?? ""))
            + ConfigDataRules.immutability(
                wasImmutable: old.immutable, isImmutable: immutable, changed: [("data", data != old.data)])
            + validateCreate()
    }
}
