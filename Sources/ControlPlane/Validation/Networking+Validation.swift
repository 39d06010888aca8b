import KubeAPI
import Wire

/// networking.k8s.io/v1 NetworkPolicy rules: upstream `ValidateNetworkPolicy` and `ValidateNetworkPolicyUpdate`
/// (nothing is immutable).
extension NetworkPolicy: Validatable {
    static let policyTypes = ["Ingress", "Egress"]
    static let protocols = ["TCP", "UDP", "SCTP"]

    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        errors += Validation.validateLabelSelector(spec.podSelector, field: "spec.podSelector")
        for (index, rule) in (spec.ingress ?? []).enumerated() {
            let field = "spec.ingress[\(index)]"
            for (position, port) in (rule.ports ?? []).enumerated() {
                errors += Self.validate(port, field: "\(field).ports[\(position)]")
            }
            for (position, peer) in (rule.from ?? []).enumerated() {
                errors += Self.validate(peer, field: "\(field).from[\(position)]")
            }
        }
        for (index, rule) in (spec.egress ?? []).enumerated() {
            let field = "spec.egress[\(index)]"
            for (position, peer) in (rule.to ?? []).enumerated() {
                errors += Self.validate(peer, field: "\(field).to[\(position)]")
            }
            for (position, port) in (rule.ports ?? []).enumerated() {
                errors += Self.validate(port, field: "\(field).ports[\(position)]")
            }
        }
        let types = spec.policyTypes ?? []
        if types.count > Self.policyTypes.count {
            errors.append(.invalid("spec.policyTypes", GoRendering.pointer("[]networking.PolicyType", isSet: true),
                                   "may not specify more than two policyTypes"))
            return errors
        }
        for (index, type) in types.enumerated() where !Self.policyTypes.contains(type) {
            errors.append(FieldRules.notSupported("spec.policyTypes[\(index)]", type, Self.policyTypes))
        }
        return errors
    }

    func validateUpdate(old: NetworkPolicy) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }

    /// Upstream `ValidateNetworkPolicyPort`.
    static func validate(_ port: NetworkPolicyPort, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let proto = port.protocol, !protocols.contains(proto) {
            errors.append(FieldRules.notSupported("\(field).protocol", proto, protocols))
        }
        switch port.port {
        case .int(let number)?:
            errors += FieldRules.portNumberMessages(Int64(number)).map { .invalid("\(field).port", String(number), $0) }
            if let end = port.endPort {
                if Int(end) < number {
                    errors.append(.invalid("\(field).endPort", String(number), "must be greater than or equal to `port`"))
                }
                errors += FieldRules.portNumberMessages(Int64(end)).map { .invalid("\(field).endPort", String(end), $0) }
            }
        case .string(let name)?:
            if let end = port.endPort {
                errors.append(.invalid("\(field).endPort", String(end), "may not be specified when `port` is non-numeric"))
            }
            errors += FieldRules.invalid("\(field).port", name, FieldRules.portNameMessages(name))
        case nil:
            if let end = port.endPort {
                errors.append(.invalid("\(field).endPort", String(end), "may not be specified when `port` is not specified"))
            }
        }
        return errors
    }

    /// Upstream `ValidateNetworkPolicyPeer` and `ValidateIPBlock`.
    static func validate(_ peer: NetworkPolicyPeer, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        var count = 0
        if let selector = peer.podSelector {
            count += 1
            errors += Validation.validateLabelSelector(selector, field: "\(field).podSelector")
        }
        if let selector = peer.namespaceSelector {
            count += 1
            errors += Validation.validateLabelSelector(selector, field: "\(field).namespaceSelector")
        }
        if let block = peer.ipBlock {
            count += 1
            errors += validate(block, field: "\(field).ipBlock")
        }
        if count == 0 {
            errors.append(.required(field, "must specify a peer"))
        } else if count > 1, peer.ipBlock != nil {
            errors.append(.forbidden(field, "may not specify both ipBlock and another peer"))
        }
        return errors
    }

    private static func validate(_ block: IPBlock, field: String) -> [FieldError] {
        guard !block.cidr.isEmpty else { return [.required("\(field).cidr")] }
        var errors = FieldRules.validCIDR(block.cidr, "\(field).cidr")
        guard let outer = CIDRBlock(block.cidr) else { return errors }
        for (index, text) in (block.except ?? []).enumerated() {
            let path = "\(field).except[\(index)]"
            errors += FieldRules.validCIDR(text, path)
            guard let inner = CIDRBlock(text) else { continue }
            if !outer.contains(inner.address) || outer.prefix >= inner.prefix {
                errors.append(.invalid(path, GoQuote.quote(text), "must be a strict subset of `cidr`"))
            }
        }
        return errors
    }
}

/// A parsed `address/prefix`, for the IP block subset check.
struct CIDRBlock {
    var address: [UInt8]
    var prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let address = IPAddressLiteral.bytes(String(parts[0])), let prefix = Int(parts[1]),
            prefix >= 0, prefix <= address.count * 8
        else { return nil }
        self.address = address
        self.prefix = prefix
    }

    /// Whether `other` (same family) is inside this block.
    func contains(_ other: [UInt8]) -> Bool {
        guard other.count == address.count else { return false }
        for bit in 0..<prefix {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if address[bit / 8] & mask != other[bit / 8] & mask { return false }
        }
        return true
    }
}

/// networking.k8s.io/v1 Ingress rules: upstream `ValidateIngressCreate` and `ValidateIngressUpdate`.
extension Ingress: Validatable {
    static let pathTypes = ["Exact", "ImplementationSpecific", "Prefix"]
    static let classAnnotation = "kubernetes.io/ingress.class"

    func validateCreate() -> [FieldError] {
        var errors = validateIngress()
        if let annotation = metadata.annotations?[Self.classAnnotation], let name = spec.ingressClassName,
            annotation != name
        {
            errors.append(.invalid("annotations.\(Self.classAnnotation)", GoQuote.quote(annotation),
                                   "must match `ingressClassName` when both are specified"))
        }
        return errors
    }

    func validateUpdate(old: Ingress) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateIngress()
    }

    private func validateIngress() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        let rules = spec.rules ?? []
        if rules.isEmpty && spec.defaultBackend == nil {
            errors.append(.invalid("spec", "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"))
        }
        if let backend = spec.defaultBackend { errors += Self.validate(backend, field: "spec.defaultBackend") }
        for (index, rule) in rules.enumerated() {
            let field = "spec.rules[\(index)]"
            if let host = rule.host, !host.isEmpty {
                if IPAddressLiteral.bytes(host) != nil {
                    errors.append(.invalid("\(field).host", GoQuote.quote(host), "must be a DNS name, not an IP address"))
                }
                let messages = host.contains("*")
                    ? IngressHost.wildcardMessages(host) : Validation.isDNS1123Subdomain(host)
                errors += FieldRules.invalid("\(field).host", host, messages)
            }
            if let http = rule.http {
                if http.paths.isEmpty { errors.append(.required("\(field).http.paths")) }
                for (position, path) in http.paths.enumerated() {
                    errors += Self.validate(path, field: "\(field).http.paths[\(position)]")
                }
            }
        }
        for (index, tls) in (spec.tls ?? []).enumerated() {
            for (position, host) in (tls.hosts ?? []).enumerated() {
                let messages = host.contains("*")
                    ? IngressHost.wildcardMessages(host) : Validation.isDNS1123Subdomain(host)
                errors += FieldRules.invalid("spec.tls[\(index)].hosts[\(position)]", host, messages)
            }
            if let secret = tls.secretName, !secret.isEmpty {
                errors += FieldRules.invalid("spec.tls[\(index)].secretName", secret,
                                             Validation.nameIsDNSSubdomain(secret, prefix: false))
            }
        }
        if let className = spec.ingressClassName {
            errors += FieldRules.invalid("spec.ingressClassName", className,
                                         Validation.nameIsDNSSubdomain(className, prefix: false))
        }
        return errors
    }

    /// Upstream `validateHTTPIngressPath`: `pathType` required; `Exact` and `Prefix` paths absolute and free of
    /// `//`, `/./`, `/../`, `%2f`, and of a trailing `/..` or `/.`.
    private static func validate(_ path: HTTPIngressPath, field: String) -> [FieldError] {
        guard let type = path.pathType else { return [.required("\(field).pathType", "pathType must be specified")] }
        var errors: [FieldError] = []
        let text = path.path ?? ""
        switch type {
        case "Exact", "Prefix":
            if !text.hasPrefix("/") {
                errors.append(.invalid("\(field).path", GoQuote.quote(text), "must be an absolute path"))
            }
            if !text.isEmpty {
                for sequence in ["//", "/./", "/../", "%2f", "%2F"] where text.contains(sequence) {
                    errors.append(.invalid("\(field).path", GoQuote.quote(text), "must not contain '\(sequence)'"))
                }
                for suffix in ["/..", "/."] where text.hasSuffix(suffix) {
                    errors.append(.invalid("\(field).path", GoQuote.quote(text), "cannot end with '\(suffix)'"))
                }
            }
        case "ImplementationSpecific":
            if !text.isEmpty, !text.hasPrefix("/") {
                errors.append(.invalid("\(field).path", GoQuote.quote(text), "must be an absolute path"))
            }
        default:
            errors.append(FieldRules.notSupported("\(field).pathType", type, pathTypes))
        }
        return errors + validate(path.backend, field: "\(field).backend")
    }

    /// Upstream `validateIngressBackend`: a service (a DNS-1035 name and a port name or number) or a resource.
    static func validate(_ backend: IngressBackend, field: String) -> [FieldError] {
        switch (backend.service, backend.resource) {
        case (.some, .some):
            return [.invalid(field, "\"\"", "cannot set both resource and service backends")]
        case (nil, let resource?):
            return IngressClass.validate(resource, field: "\(field).resource")
        case (let service?, nil):
            var errors: [FieldError] = []
            if service.name.isEmpty {
                errors.append(.required("\(field).service.name"))
            } else {
                errors += FieldRules.invalid("\(field).service.name", service.name,
                                             Validation.nameIsDNS1035Label(service.name, prefix: false))
            }
            let name = service.port?.name ?? ""
            let number = service.port?.number ?? 0
            if !name.isEmpty && number != 0 {
                errors.append(.invalid(field, "\"\"", "cannot set both port name & port number"))
            } else if !name.isEmpty {
                errors += FieldRules.invalid("\(field).service.port.name", name, FieldRules.portNameMessages(name))
            } else if number != 0 {
                errors += FieldRules.portNumberMessages(Int64(number))
                    .map { .invalid("\(field).service.port.number", String(number), $0) }
            } else {
                errors.append(.required(field, "port name or number is required"))
            }
            return errors
        case (nil, nil):
            return [.invalid(field, "\"\"", "resource or service backend is required")]
        }
    }
}

/// Host names of Ingress rules and TLS entries.
enum IngressHost {
    static let wildcardFormat = "\\*\\." + "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"

    /// Upstream `IsWildcardDNS1123Subdomain`: `*.` then a DNS-1123 subdomain, at most 253 characters.
    static func wildcardMessages(_ host: String) -> [String] {
        var messages: [String] = []
        if host.utf8.count > Validation.dns1123SubdomainMaxLength {
            messages.append(Validation.maxLengthError(Validation.dns1123SubdomainMaxLength))
        }
        let rest = String(host.dropFirst(2))
        if !host.hasPrefix("*.") || rest.isEmpty || !Validation.isDNS1123Subdomain(rest).isEmpty {
            messages.append(Validation.regexError(
                "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must "
                    + "consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
                format: wildcardFormat, examples: ["*.example.com"]))
        }
        return messages
    }
}

/// networking.k8s.io/v1 IngressClass rules: upstream `ValidateIngressClass` and `ValidateIngressClassUpdate`.
extension IngressClass: Validatable {
    static let scopes = ["Cluster", "Namespace"]
    static let maxControllerLength = 250

    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false)
        let controller = spec.controller ?? ""
        if controller.utf8.count > Self.maxControllerLength {
            errors.append(.tooLong("spec.controller", "may not be more than \(Self.maxControllerLength) bytes"))
        }
        errors += Self.domainPrefixedPath(controller, field: "spec.controller")
        if let parameters = spec.parameters {
            let field = "spec.parameters"
            errors += Self.validate(
                TypedLocalObjectReference(apiGroup: parameters.apiGroup, kind: parameters.kind, name: parameters.name),
                field: field)
            if let scope = parameters.scope {
                if !Self.scopes.contains(scope) {
                    errors.append(FieldRules.notSupported("\(field).scope", scope, Self.scopes))
                } else if scope == "Namespace" {
                    if let namespace = parameters.namespace {
                        errors += FieldRules.invalid("\(field).namespace", namespace,
                                                     Validation.nameIsDNSLabel(namespace, prefix: false))
                    } else {
                        errors.append(.required("\(field).namespace", "`parameters.scope` is set to 'Namespace'"))
                    }
                } else if parameters.namespace != nil {
                    errors.append(.forbidden("\(field).namespace", "`parameters.scope` is set to 'Cluster'"))
                }
            } else {
                errors.append(.required("\(field).scope"))
            }
        }
        return errors
    }

    /// The metadata update rules, `spec.controller: field is immutable`, then the create rules.
    func validateUpdate(old: IngressClass) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata)
            + FieldRules.immutable(changed: (spec.controller ?? "") != (old.spec.controller ?? ""),
                                   field: "spec.controller", rendered: GoQuote.quote(spec.controller ?? ""))
            + validateCreate()
    }

    /// Upstream `validateIngressTypedLocalObjectReference`.
    static func validate(_ reference: TypedLocalObjectReference, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let group = reference.apiGroup {
            errors += FieldRules.invalid("\(field).apiGroup", group, Validation.isDNS1123Subdomain(group))
        }
        if reference.kind.isEmpty {
            errors.append(.required("\(field).kind"))
        } else {
            errors += FieldRules.invalid("\(field).kind", reference.kind, pathSegmentMessages(reference.kind))
        }
        if reference.name.isEmpty {
            errors.append(.required("\(field).name"))
        } else {
            errors += FieldRules.invalid("\(field).name", reference.name, pathSegmentMessages(reference.name))
        }
        return errors
    }

    /// Upstream `IsValidPathSegmentName`.
    static func pathSegmentMessages(_ name: String) -> [String] {
        if name == "." || name == ".." { return ["may not be '\(name)'"] }
        var messages: [String] = []
        for illegal in ["/", "%"] where name.contains(illegal) { messages.append("may not contain '\(illegal)'") }
        return messages
    }

    /// Upstream `IsDomainPrefixedPath`: `acme.io/foo`, a DNS-1123 subdomain, a slash and an HTTP path.
    static func domainPrefixedPath(_ value: String, field: String) -> [FieldError] {
        guard !value.isEmpty else { return [.required(field)] }
        let segments = value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard segments.count == 2, !segments[0].isEmpty, !segments[1].isEmpty else {
            return [.invalid(field, GoQuote.quote(value), "must be a domain-prefixed path (such as \"acme.io/foo\")")]
        }
        var errors = FieldRules.invalid(field, segments[0], Validation.isDNS1123Subdomain(segments[0]))
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-._~%!$&'()*+,;=:")
        if !segments[1].allSatisfy({ allowed.contains($0) }) {
            errors.append(.invalid(field, GoQuote.quote(segments[1]), Validation.regexError(
                "Invalid path", format: "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+", examples: [])))
        }
        return errors
    }
}
