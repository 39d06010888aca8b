extension ProtobufSchema {
    /// The networking.k8s.io/v1 messages `kubectl create ingress` sends, as published in k8s.io/api's networking/v1
    /// `generated.proto` (an IngressRule's `ingressRuleValue` is inlined in JSON). Format: see ``ProtobufSchema``.
    static let networkingTable = """
        HTTPIngressPath: 1 path s; 3 pathType s!; 2 backend .IngressBackend
        HTTPIngressRuleValue: 1 paths *.HTTPIngressPath
        Ingress: 1 metadata .ObjectMeta; 2 spec .IngressSpec; 3 status .IngressStatus
        IngressBackend: 4 service .IngressServiceBackend; 3 resource .TypedLocalObjectReference
        IngressLoadBalancerIngress: 1 ip s; 2 hostname s; 4 ports *.IngressPortStatus
        IngressLoadBalancerStatus: 1 ingress *.IngressLoadBalancerIngress
        IngressPortStatus: 1 port i; 2 protocol s; 3 error s!
        IngressRule: 1 host s; 2 ingressRuleValue ^.IngressRuleValue
        IngressRuleValue: 1 http .HTTPIngressRuleValue
        IngressServiceBackend: 1 name s; 2 port .ServiceBackendPort
        IngressSpec: 4 ingressClassName s!; 1 defaultBackend .IngressBackend; 2 tls *.IngressTLS; 3 rules *.IngressRule
        IngressStatus: 1 loadBalancer .IngressLoadBalancerStatus
        IngressTLS: 1 hosts *s; 2 secretName s
        ServiceBackendPort: 1 name s; 2 number i
        """

    /// The networking kinds a protobuf body may hold.
    static let networkingKinds: Set<String> = ["Ingress"]
}
