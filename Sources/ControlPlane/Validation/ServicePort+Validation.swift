import KubeAPI
import Wire

/// One entry of a Service's `ports`: upstream `validateServicePort` and `ValidatePortNumOrName`.
extension ServicePort {
    /// Name (required when the service has several ports; a DNS-1123 label; unique), port number, protocol,
    /// target port (a port number or an IANA service name), app protocol (a qualified name).
    func validate(requireName: Bool, names: inout Set<String>, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let name = self.name ?? ""
        if requireName && name.isEmpty {
            errors.append(.required("\(field).name"))
        } else if !name.isEmpty {
            errors += FieldRules.invalid("\(field).name", name, Validation.isDNS1123Label(name))
            if !names.insert(name).inserted {
                errors.append(.duplicate("\(field).name", GoQuote.quote(name)))
            }
        }
        errors += FieldRules.portNumberMessages(Int64(port)).map { .invalid("\(field).port", String(port), $0) }
        errors += Container.validateEnum(self.protocol, Container.portProtocols, field: "\(field).protocol")
        errors += Self.validatePortNumOrName(targetPort, field: "\(field).targetPort")
        if let appProtocol {
            errors += FieldRules.invalid("\(field).appProtocol", appProtocol, Validation.isQualifiedName(appProtocol))
        }
        return errors
    }

    /// Upstream `ValidatePortNumOrName`: `targetPort: Invalid value: 0: must be between 1 and 65535, inclusive`, or
    /// the IANA service name messages for a string. A missing value counts as 0, as Go's zero value does.
    static func validatePortNumOrName(_ value: IntOrString?, field: String) -> [FieldError] {
        switch value {
        case .string(let name)?:
            return FieldRules.invalid(field, name, FieldRules.portNameMessages(name))
        case .int(let number)?:
            return FieldRules.portNumberMessages(Int64(number)).map { .invalid(field, String(number), $0) }
        case nil:
            return FieldRules.portNumberMessages(0).map { .invalid(field, "0", $0) }
        }
    }
}
