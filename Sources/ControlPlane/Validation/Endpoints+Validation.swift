import KubeAPI
import Wire

/// core/v1 Endpoints rules: upstream `ValidateEndpoints` and `validateEndpointSubsets`.
extension Endpoints: Validatable {
    static let portProtocols = ["SCTP", "TCP", "UDP"]

    /// Metadata (DNS-1123 subdomain name), then each subset: some address, valid addresses, valid ports.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        for (index, subset) in (subsets ?? []).enumerated() {
            errors += Self.validate(subset, field: "subsets[\(index)]")
        }
        return errors
    }

    /// The metadata update rules, then the create rules.
    func validateUpdate(old: Endpoints) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }

    private static func validate(_ subset: EndpointSubset, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let ready = subset.addresses ?? []
        let notReady = subset.notReadyAddresses ?? []
        if ready.isEmpty && notReady.isEmpty {
            errors.append(.required(field, "must specify `addresses` or `notReadyAddresses`"))
        }
        for (index, address) in ready.enumerated() {
            errors += validate(address, field: "\(field).addresses[\(index)]")
        }
        for (index, address) in notReady.enumerated() {
            errors += validate(address, field: "\(field).notReadyAddresses[\(index)]")
        }
        let ports = subset.ports ?? []
        for (index, port) in ports.enumerated() {
            errors += validate(port, requireName: ports.count > 1, field: "\(field).ports[\(index)]")
        }
        return errors
    }

    /// Upstream `validateEndpointAddress`: an IP address, a DNS-1123 label hostname, a node name.
    private static func validate(_ address: EndpointAddress, field: String) -> [FieldError] {
        var errors = FieldRules.validIP(address.ip, "\(field).ip")
        if let hostname = address.hostname, !hostname.isEmpty {
            errors += FieldRules.invalid("\(field).hostname", hostname, Validation.isDNS1123Label(hostname))
        }
        if let nodeName = address.nodeName, !nodeName.isEmpty {
            errors += FieldRules.invalid("\(field).nodeName", nodeName,
                                         Validation.nameIsDNSSubdomain(nodeName, prefix: false))
        }
        return errors
    }

    /// Upstream `validateEndpointPort`: a name (required when there are several ports), a port number, a protocol.
    private static func validate(_ port: EndpointPort, requireName: Bool, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let name = port.name ?? ""
        if requireName && name.isEmpty {
            errors.append(.required("\(field).name"))
        } else if !name.isEmpty {
            errors += FieldRules.invalid("\(field).name", name, Validation.isDNS1123Label(name))
        }
        errors += FieldRules.portNumberMessages(Int64(port.port)).map { .invalid("\(field).port", String(port.port), $0) }
        errors += Container.validateEnum(port.protocol, portProtocols, field: "\(field).protocol")
        return errors
    }
}
