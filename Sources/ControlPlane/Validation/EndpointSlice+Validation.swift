import KubeAPI
import Wire

/// discovery.k8s.io/v1 EndpointSlice rules: upstream `ValidateEndpointSlice` and `ValidateEndpointSliceUpdate`.
extension EndpointSlice: Validatable {
    static let addressTypes = ["FQDN", "IPv4", "IPv6"]

    /// Metadata (DNS-1123 subdomain name), a supported `addressType`, each endpoint (at least one address of that
    /// type, a valid node name and hostname), each port (a DNS-1123 label or empty name, unique; a port number;
    /// a protocol).
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        errors += Container.validateEnum(addressType, Self.addressTypes, field: "addressType")
        let endpoints = endpoints ?? []
        for (index, endpoint) in endpoints.enumerated() {
            errors += validate(endpoint, field: "endpoints[\(index)]")
        }
        var names: Set<String> = []
        for (index, port) in (ports ?? []).enumerated() {
            let field = "ports[\(index)]"
            let name = port.name ?? ""
            if !name.isEmpty {
                errors += FieldRules.invalid("\(field).name", name, Validation.isDNS1123Label(name))
            }
            if !names.insert(name).inserted { errors.append(.duplicate("\(field).name", GoQuote.quote(name))) }
            if let number = port.port {
                errors += FieldRules.portNumberMessages(Int64(number)).map { .invalid("\(field).port", String(number), $0) }
            }
            errors += Container.validateEnum(port.protocol, Endpoints.portProtocols, field: "\(field).protocol")
        }
        return errors
    }

    /// The metadata update rules, the create rules, then `addressType: Invalid value: …: field is immutable`.
    func validateUpdate(old: EndpointSlice) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
            + FieldRules.immutable(changed: addressType != old.addressType, field: "addressType",
                                   rendered: GoQuote.quote(addressType))
    }

    /// Upstream `validateEndpoints` for one endpoint.
    private func validate(_ endpoint: SliceEndpoint, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if endpoint.addresses.isEmpty {
            errors.append(.required("\(field).addresses", "must contain at least 1 address"))
        }
        for (index, address) in endpoint.addresses.enumerated() {
            let path = "\(field).addresses[\(index)]"
            switch addressType {
            case "IPv4" where IPAddressLiteral.bytes(address)?.count != 4:
                errors.append(.invalid(path, GoQuote.quote(address), "must be a valid IPv4 address"))
            case "IPv6" where IPAddressLiteral.bytes(address)?.count != 16:
                errors.append(.invalid(path, GoQuote.quote(address), "must be a valid IPv6 address"))
            case "FQDN":
                errors += FieldRules.invalid(path, address, Validation.nameIsDNSSubdomain(address, prefix: false))
            default:
                break
            }
        }
        if let nodeName = endpoint.nodeName, !nodeName.isEmpty {
            errors += FieldRules.invalid("\(field).nodeName", nodeName, Validation.nameIsDNSSubdomain(nodeName, prefix: false))
        }
        if let hostname = endpoint.hostname, !hostname.isEmpty {
            errors += FieldRules.invalid("\(field).hostname", hostname, Validation.isDNS1123Label(hostname))
        }
        return errors
    }
}
