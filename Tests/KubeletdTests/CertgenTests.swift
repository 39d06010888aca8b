import Foundation
import KubeAPI
import Synchronization
import Testing
import Wire
import X509

@testable import Kubeletd

/// A ``CertgenAPI`` over an in-memory object map, recording the writes.
final class FakeCertgenAPI: CertgenAPI {
    private let state: Mutex<(objects: [String: JSONValue], writes: [String])>

    init(_ objects: [String: JSONValue] = [:]) { state = Mutex((objects, [])) }

    static func key(_ kind: ResourceKind, _ namespace: String?, _ name: String) -> String {
        "\(kind.plural)/\(namespace ?? "")/\(name)"
    }

    var writes: [String] { state.withLock { $0.writes } }
    func object(_ kind: ResourceKind, _ namespace: String?, _ name: String) -> JSONValue? {
        state.withLock { $0.objects[Self.key(kind, namespace, name)] }
    }

    func get(_ kind: ResourceKind, namespace: String?, name: String) async throws -> JSONValue? {
        object(kind, namespace, name)
    }

    func create(_ kind: ResourceKind, _ object: JSONValue, namespace: String?) async throws {
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        state.withLock {
            $0.objects[Self.key(kind, namespace, name)] = object
            $0.writes.append("create \(Self.key(kind, namespace, name))")
        }
    }

    func update(_ kind: ResourceKind, _ object: JSONValue, namespace: String?, name: String) async throws {
        state.withLock {
            $0.objects[Self.key(kind, namespace, name)] = object
            $0.writes.append("update \(Self.key(kind, namespace, name))")
        }
    }
}

/// ``CertgenCommand`` and ``Certgen``: kube-webhook-certgen's flags, and what `create` and `patch` write.
@Suite struct CertgenTests {
    static let createArgs = [
        "create", "--host=ingress-nginx-controller-admission,ingress-nginx-controller-admission.ingress-nginx.svc",
        "--namespace=ingress-nginx", "--secret-name=ingress-nginx-admission",
    ]
    static let patchArgs = [
        "patch", "--webhook-name=ingress-nginx-admission", "--namespace=ingress-nginx", "--patch-mutating=false",
        "--secret-name=ingress-nginx-admission", "--patch-failure-policy=Fail",
    ]

    @Test("ingress-nginx's create and patch command lines parse as the real program's flags")
    func parsesIngressNginxArguments() throws {
        #expect(
            try CertgenCommand.parse(Self.createArgs)
                == .create(
                    .init(
                        hosts: [
                            "ingress-nginx-controller-admission",
                            "ingress-nginx-controller-admission.ingress-nginx.svc",
                        ], namespace: "ingress-nginx", secretName: "ingress-nginx-admission")))
        #expect(
            try CertgenCommand.parse(Self.patchArgs)
                == .patch(
                    .init(
                        webhookName: "ingress-nginx-admission", namespace: "ingress-nginx",
                        secretName: "ingress-nginx-admission", patchValidating: true, patchMutating: false,
                        failurePolicy: "Fail")))
        // `--flag value`, bare booleans, and the logging flags.
        #expect(
            try CertgenCommand.parse([
                "patch", "--webhook-name", "w", "--namespace", "n", "--secret-name", "s", "--patch-mutating",
                "--log-level=info",
            ]) == .patch(.init(webhookName: "w", namespace: "n", secretName: "s")))
    }

    @Test("bad command lines are refused with the program's messages")
    func refusesBadArguments() {
        #expect(throws: CertgenCommand.UsageError(message: "Error: a command is required: create or patch")) {
            try CertgenCommand.parse([])
        }
        #expect(throws: CertgenCommand.UsageError(message: "Error: unknown command \"rotate\" for \"kube-webhook-certgen\"")) {
            try CertgenCommand.parse(["rotate"])
        }
        #expect(throws: CertgenCommand.UsageError(message: "Error: required flag(s) \"secret-name\" not set")) {
            try CertgenCommand.parse(["create", "--host=a", "--namespace=n"])
        }
        #expect(throws: CertgenCommand.UsageError(message: "Error: unknown flag: --bogus")) {
            try CertgenCommand.parse(["create", "--bogus=1"])
        }
        #expect(throws: CertgenCommand.UsageError(message: "Error: patch-failure-policy Sometimes is not valid")) {
            try CertgenCommand.parse(["patch", "--webhook-name=w", "--namespace=n", "--secret-name=s", "--patch-failure-policy=Sometimes"])
        }
        #expect(throws: CertgenCommand.UsageError.self) {
            try CertgenCommand.parse(["patch", "--webhook-name=w", "--namespace=n", "--secret-name=s", "--patch-validating=false", "--patch-mutating=false"])
        }
    }

    static func decoded(_ secret: JSONValue?, _ key: String) -> String? {
        secret?["data"]?[key]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("create writes a Secret with a CA and a serving certificate for the hosts, signed by that CA")
    func createWritesSecret() async throws {
        let api = FakeCertgenAPI()
        _ = try await Certgen.run(try CertgenCommand.parse(Self.createArgs), api: api, now: Date())
        #expect(api.writes == ["create secrets/ingress-nginx/ingress-nginx-admission"])
        let secret = api.object(.secret, "ingress-nginx", "ingress-nginx-admission")
        #expect(secret?["metadata"]?["namespace"]?.stringValue == "ingress-nginx")
        #expect(secret?["type"] == nil)  // Opaque, as the real program leaves it.
        let ca = try ClusterPKI.parseCertificate(try #require(Self.decoded(secret, "ca")), what: "ca")
        let cert = try ClusterPKI.parseCertificate(try #require(Self.decoded(secret, "cert")), what: "cert")
        let key = try ClusterPKI.parsePrivateKey(try #require(Self.decoded(secret, "key")), what: "key")
        #expect(key.publicKey == cert.publicKey)
        #expect(cert.issuer == ca.subject)
        let names = try #require(try cert.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("ingress-nginx-controller-admission.ingress-nginx.svc")))
        #expect(names.contains(.dnsName("ingress-nginx-controller-admission")))
    }

    @Test("create leaves an existing Secret alone")
    func createKeepsExistingSecret() async throws {
        let existing: JSONValue = ["metadata": ["name": "ingress-nginx-admission"], "data": ["ca": "eA=="]]
        let api = FakeCertgenAPI([FakeCertgenAPI.key(.secret, "ingress-nginx", "ingress-nginx-admission"): existing])
        let lines = try await Certgen.run(try CertgenCommand.parse(Self.createArgs), api: api, now: Date())
        #expect(api.writes.isEmpty)
        #expect(lines == ["secret already exists"])
    }

    static let webhook: JSONValue = [
        "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
        "metadata": ["name": "ingress-nginx-admission", "resourceVersion": "7"],
        "webhooks": [
            ["name": "a.example", "failurePolicy": "Ignore", "clientConfig": ["service": ["name": "svc", "namespace": "ingress-nginx"]]],
            ["name": "b.example", "clientConfig": ["url": "https://x"]],
        ],
    ]

    @Test("patch sets every validating webhook's caBundle to the Secret's ca and the failure policy; mutating off")
    func patchWritesCABundle() async throws {
        let secret: JSONValue = ["metadata": ["name": "ingress-nginx-admission"], "data": ["ca": "Q0E=", "cert": "", "key": ""]]
        let api = FakeCertgenAPI([
            FakeCertgenAPI.key(.secret, "ingress-nginx", "ingress-nginx-admission"): secret,
            FakeCertgenAPI.key(.validatingWebhookConfiguration, nil, "ingress-nginx-admission"): Self.webhook,
        ])
        _ = try await Certgen.run(try CertgenCommand.parse(Self.patchArgs), api: api, now: Date())
        #expect(api.writes == ["update validatingwebhookconfigurations//ingress-nginx-admission"])
        let patched = try #require(api.object(.validatingWebhookConfiguration, nil, "ingress-nginx-admission"))
        let webhooks = patched["webhooks"]?.arrayValue ?? []
        #expect(webhooks.count == 2)
        for webhook in webhooks {
            #expect(webhook["clientConfig"]?["caBundle"]?.stringValue == "Q0E=")
            #expect(webhook["failurePolicy"]?.stringValue == "Fail")
        }
        #expect(webhooks.first?["clientConfig"]?["service"]?["name"]?.stringValue == "svc")
        #expect(patched["metadata"]?["resourceVersion"]?.stringValue == "7")
    }

    @Test("patch fails without the Secret, and without a mutating configuration when it patches that too")
    func patchFailures() async throws {
        let api = FakeCertgenAPI([
            FakeCertgenAPI.key(.validatingWebhookConfiguration, nil, "ingress-nginx-admission"): Self.webhook
        ])
        await #expect(throws: Certgen.Failure(message: "no secret with 'ingress-nginx-admission' in 'ingress-nginx'")) {
            try await Certgen.run(try CertgenCommand.parse(Self.patchArgs), api: api, now: Date())
        }
        let secret: JSONValue = ["data": ["ca": "Q0E="]]
        let both = FakeCertgenAPI([
            FakeCertgenAPI.key(.secret, "n", "s"): secret,
            FakeCertgenAPI.key(.validatingWebhookConfiguration, nil, "w"): Self.webhook,
        ])
        await #expect(throws: Certgen.Failure(message: "failed getting mutatingwebhookconfiguration w: not found")) {
            try await Certgen.run(
                try CertgenCommand.parse(["patch", "--webhook-name=w", "--namespace=n", "--secret-name=s"]), api: both,
                now: Date())
        }
        #expect(both.writes == ["update validatingwebhookconfigurations//w"])
    }

    @Test("the certgen image runs its program provided by the runtime, with the entrypoint taking the args")
    func catalogue() {
        let program = ContainerProgram.resolve(
            image: "registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.9@sha256:01038e7de14b78d702d2849c3aad72fd25903c4765af63cf16aa3398f5d5f2dd", command: [],
            args: Self.createArgs, programs: ContainerProgramTests.node)
        #expect(program == .provided(.kubeWebhookCertgen, argv: ["/kube-webhook-certgen"] + Self.createArgs))
    }
}
