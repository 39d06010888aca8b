// Part of the API's schema table (see APISchemaTable.swift): discovery.k8s.io/v1 EndpointSlices.

extension APISchema {
    /// The EndpointSlice and the types it holds. The slice's port type is named `DiscoveryEndpointPort` here (short
    /// names are unique in the table; core/v1 has its own `EndpointPort`).
    static let discovery: [SchemaDefinition] = [
        resource(
            "EndpointSlice",
            "A group of a service's endpoints with the ports they serve. The endpoints controller keeps one for each "
                + "service that has a selector, labelled kubernetes.io/service-name with the service's name.",
            [
                field(
                    "addressType", .string, required: true, enum: ["FQDN", "IPv4", "IPv6"],
                    "What the endpoints' addresses are: IPv4 or IPv6 addresses, or FQDN names. Cannot change."),
                field("endpoints", .array(.ref("Endpoint")), required: true, "The endpoints of the slice."),
                field(
                    "ports", .array(.ref("DiscoveryEndpointPort")),
                    "The ports every endpoint of the slice serves. None means no port is exposed; an unset port "
                        + "number means every port."),
            ]),
        object(
            "Endpoint", "One endpoint of a slice: usually a pod, with its address.",
            [
                field("addresses", .array(.string), required: true, "The endpoint's addresses (one, for a pod)."),
                field("conditions", .ref("EndpointConditions"), "Whether the endpoint is ready, serving, terminating."),
                field("hints", .ref("EndpointHints"), "Hints for how the endpoint should be consumed."),
                field("hostname", .string, "The endpoint's hostname, when its pod sets one."),
                field("nodeName", .string, "The node the endpoint is on."),
                field("targetRef", .ref("ObjectReference"), "The object behind the endpoint, usually a pod."),
                field("zone", .string, "The zone the endpoint is in."),
            ]),
        object(
            "EndpointConditions", "The state of an endpoint. An unset condition is unknown.",
            [
                field("ready", .boolean, "Whether the endpoint may take new traffic; an unset value reads as ready."),
                field("serving", .boolean, "Whether the endpoint is serving, terminating or not."),
                field("terminating", .boolean, "Whether the endpoint is terminating."),
            ]),
        object(
            "DiscoveryEndpointPort", "One port of an endpoint slice.",
            [
                field("appProtocol", .string, "The port's application protocol."),
                field("name", .string, "The name of the service port it serves; empty for an unnamed one."),
                field("port", .integer, "The port number; unset means every port."),
                field("protocol", .string, enum: protocols, "TCP (the default), UDP or SCTP."),
            ]),
        opaque("EndpointHints", "Hints for consumers of an endpoint, such as the zones it should serve."),
    ]
}
