// Part of the API's schema table (see APISchemaTable.swift): networking.k8s.io/v1 NetworkPolicies, Ingresses and
// IngressClasses.

extension APISchema {
    /// The networking.k8s.io/v1 definitions' short names (their OpenAPI package).
    static let networkingNames = [
        "NetworkPolicy", "NetworkPolicySpec", "NetworkPolicyIngressRule", "NetworkPolicyEgressRule", "NetworkPolicyPort",
        "NetworkPolicyPeer", "IPBlock", "Ingress", "IngressSpec", "IngressTLS", "IngressRule", "HTTPIngressRuleValue",
        "HTTPIngressPath", "IngressBackend", "IngressServiceBackend", "ServiceBackendPort", "IngressStatus",
        "IngressLoadBalancerStatus", "IngressLoadBalancerIngress", "IngressPortStatus", "IngressClass",
        "IngressClassSpec", "IngressClassParametersReference",
    ]

    static let networking: [SchemaDefinition] = networkPolicies + ingresses

    private static let networkPolicies: [SchemaDefinition] = [
        resource(
            "NetworkPolicy",
            "Which traffic may reach and leave a set of pods. Stored as sent; this cluster's network does not enforce it.",
            [field("spec", .ref("NetworkPolicySpec"), "The pods the policy selects and the traffic it allows.")]),
        object(
            "NetworkPolicySpec", "The pods a network policy applies to and the traffic it allows them.",
            [
                field(
                    "egress", .array(.ref("NetworkPolicyEgressRule")),
                    "Traffic the selected pods may send; a connection is allowed when any rule allows it."),
                field(
                    "ingress", .array(.ref("NetworkPolicyIngressRule")),
                    "Traffic the selected pods may receive; a connection is allowed when any rule allows it."),
                field(
                    "podSelector", .ref("LabelSelector"),
                    "The pods of the policy's namespace it applies to; an empty selector selects them all."),
                field(
                    "policyTypes", .array(.string),
                    "Ingress and/or Egress: which directions the policy restricts. Without it, Ingress, and Egress too "
                        + "when the policy has egress rules."),
            ]),
        object(
            "NetworkPolicyIngressRule", "Traffic allowed in: from any of the peers, to any of the ports.",
            [
                field("from", .array(.ref("NetworkPolicyPeer")), "The sources allowed; none or empty means any source."),
                field("ports", .array(.ref("NetworkPolicyPort")), "The ports allowed; none or empty means every port."),
            ]),
        object(
            "NetworkPolicyEgressRule", "Traffic allowed out: to any of the peers, on any of the ports.",
            [
                field("ports", .array(.ref("NetworkPolicyPort")), "The ports allowed; none or empty means every port."),
                field("to", .array(.ref("NetworkPolicyPeer")), "The destinations allowed; none or empty means any."),
            ]),
        object(
            "NetworkPolicyPort", "A port, or a range of ports, and a protocol.",
            [
                field("endPort", .integer, "The last port of a range starting at port; port must then be a number."),
                field("port", .ref("IntOrString"), "A port number or a named container port; unset means every port."),
                field("protocol", .string, enum: protocols, "TCP (the default), UDP or SCTP."),
            ]),
        object(
            "NetworkPolicyPeer",
            "Pods (by pod and namespace selectors, combined) or an IP block that traffic may come from or go to.",
            [
                field("ipBlock", .ref("IPBlock"), "An IP range; cannot be combined with the selectors."),
                field(
                    "namespaceSelector", .ref("LabelSelector"),
                    "Namespaces whose pods (those podSelector matches, or all) are peers."),
                field("podSelector", .ref("LabelSelector"), "Pods of the policy's namespace (or of the selected ones)."),
            ]),
        object(
            "IPBlock", "An IP range, minus some of its sub-ranges.",
            [
                field("cidr", .string, required: true, "The range, such as 192.168.1.0/24 or 2001:db8::/64."),
                field("except", .array(.string), "Sub-ranges of cidr that are not part of the block."),
            ]),
    ]

    private static let ingresses: [SchemaDefinition] = [
        resource(
            "Ingress",
            "HTTP routes from outside the cluster to services, by host and path, for the controller of its class. "
                + "Stored as sent; no ingress controller runs in this cluster.",
            [
                field("spec", .ref("IngressSpec"), "The routes."),
                field("status", .ref("IngressStatus"), "The addresses the ingress controller reports. Read-only."),
            ]),
        object(
            "IngressSpec", "The routes of an ingress.",
            [
                field("defaultBackend", .ref("IngressBackend"), "Where requests that match no rule go."),
                field("ingressClassName", .string, "The IngressClass whose controller implements the ingress."),
                field("rules", .array(.ref("IngressRule")), "Routes by host; the first match wins."),
                field("tls", .array(.ref("IngressTLS")), "Hosts served over TLS, and the secrets with their certificates."),
            ]),
        object(
            "IngressTLS", "Hosts served over TLS with one certificate.",
            [
                field("hosts", .array(.string), "The hosts the certificate is for."),
                field("secretName", .string, "The secret holding the certificate and its key."),
            ]),
        object(
            "IngressRule", "The routes of one host.",
            [
                field("host", .string, "The host name (a wildcard such as *.example.com is allowed); empty matches all."),
                field("http", .ref("HTTPIngressRuleValue"), "The HTTP paths of the host."),
            ]),
        object(
            "HTTPIngressRuleValue", "HTTP paths and where they go.",
            [field("paths", .array(.ref("HTTPIngressPath")), required: true, "The paths.")]),
        object(
            "HTTPIngressPath", "A path and the backend its requests go to.",
            [
                field("backend", .ref("IngressBackend"), required: true, "Where matching requests go."),
                field("path", .string, "The path, starting with a slash."),
                field(
                    "pathType", .string, required: true, enum: ["Exact", "ImplementationSpecific", "Prefix"],
                    "How the path matches: Exact, Prefix (by path elements) or ImplementationSpecific."),
            ]),
        object(
            "IngressBackend", "Where requests go: a service port, or another resource.",
            [
                field("resource", .ref("TypedLocalObjectReference"), "An object of the ingress's namespace."),
                field("service", .ref("IngressServiceBackend"), "A service of the ingress's namespace and one of its ports."),
            ]),
        object(
            "IngressServiceBackend", "A service and one of its ports.",
            [
                field("name", .string, required: true, "The service's name."),
                field("port", .ref("ServiceBackendPort"), "The port, by name or number."),
            ]),
        object(
            "ServiceBackendPort", "A service port, by name or by number.",
            [
                field("name", .string, "The port's name."),
                field("number", .integer, "The port's number."),
            ]),
        object(
            "IngressStatus", "What the ingress controller reports.",
            [field("loadBalancer", .ref("IngressLoadBalancerStatus"), "The load balancer's addresses.")]),
        object(
            "IngressLoadBalancerStatus", "The addresses of an ingress's load balancer.",
            [field("ingress", .array(.ref("IngressLoadBalancerIngress")), "The addresses.")]),
        object(
            "IngressLoadBalancerIngress", "One address of a load balancer.",
            [
                field("hostname", .string, "A DNS name."),
                field("ip", .string, "An IP address."),
                field("ports", .array(.ref("IngressPortStatus")), "The state of its ports."),
            ]),
        object(
            "IngressPortStatus", "The state of one port of a load balancer address.",
            [
                field("error", .string, "Why the port is not working, if it is not."),
                field("port", .integer, required: true, "The port number."),
                field("protocol", .string, required: true, enum: protocols, "TCP, UDP or SCTP."),
            ]),
        resource(
            "IngressClass",
            "A class of ingresses and the controller that implements them. Stored as sent; no ingress controller runs "
                + "in this cluster.",
            [field("spec", .ref("IngressClassSpec"), "The controller and its parameters.")]),
        object(
            "IngressClassSpec", "The controller of an ingress class.",
            [
                field(
                    "controller", .string,
                    "The controller's name, a domain-prefixed path such as example.com/ingress-controller. Cannot change."),
                field(
                    "parameters", .ref("IngressClassParametersReference"),
                    "An object holding the controller's configuration for the class."),
            ]),
        object(
            "IngressClassParametersReference", "The object holding an ingress class's parameters.",
            [
                field("apiGroup", .string, "The object's API group; unset for the core group."),
                field("kind", .string, required: true, "The object's kind."),
                field("name", .string, required: true, "The object's name."),
                field("namespace", .string, "The object's namespace, when scope is Namespace."),
                field("scope", .string, "Cluster (the default) or Namespace."),
            ]),
        object(
            "TypedLocalObjectReference", "A reference to an object of a kind in the same namespace.",
            [
                field("apiGroup", .string, "The kind's API group; unset for the core group."),
                field("kind", .string, required: true, "The object's kind."),
                field("name", .string, required: true, "The object's name."),
            ]),
    ]
}
