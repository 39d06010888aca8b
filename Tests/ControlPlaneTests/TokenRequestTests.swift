import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// `create serviceaccounts/NAME/token` and bearer-token authentication on a real API server (in memory, manual
/// clock): defaults and validation with Kubernetes' messages, bound objects, and what makes a token stop working.
@Suite struct TokenRequestTests {
    static let admin = PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])
    let harness: ControllerHarness

    init() throws {
        harness = try ControllerHarness()
    }

    var api: APIServer { harness.api }

    @discardableResult
    func account(_ name: String, namespace: String = "default") async throws -> ServiceAccount {
        try await harness.client.create(ServiceAccount(metadata: ObjectMeta(name: name, namespace: namespace)), namespace: namespace)
    }

    func requestToken(_ account: String, _ spec: JSONValue = [:], namespace: String = "default") async throws -> JSONValue {
        var request = Request(verb: .create, kind: "ServiceAccount", namespace: namespace, name: account)
        request.subresource = "token"
        request.object = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": spec]
        return try #require(try await api.handle(request, from: Self.admin))
    }

    @Test func aToken_defaultsToAnHourForTheAPIServer_andAuthenticatesAsTheAccount() async throws {
        try await account("robot")
        let answer = try await requestToken("robot")
        #expect(answer["kind"] == "TokenRequest" && answer["apiVersion"] == "authentication.k8s.io/v1")
        #expect(answer[path: ["metadata", "name"]] == "robot" && answer[path: ["metadata", "namespace"]] == "default")
        #expect(answer[path: ["metadata", "creationTimestamp"]] == .null)
        #expect(answer[path: ["spec", "expirationSeconds"]] == .int(3600))
        #expect(answer[path: ["spec", "audiences"]] == ["https://kubernetes.default.svc.cluster.local"])
        let expires = try #require(answer[path: ["status", "expirationTimestamp"]]?.stringValue)
        #expect(expires == Timestamp.format(harness.clock.now.addingTimeInterval(3600)))
        let token = try #require(answer[path: ["status", "token"]]?.stringValue)
        let identity = try await api.authenticate(bearerToken: token)
        #expect(identity == PeerIdentity(
            commonName: "system:serviceaccount:default:robot",
            organizations: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"]))

        // Until RBAC grants something, the account may do nothing but ask who it is.
        await #expect(throws: Status.self) {
            _ = try await api.handle(Request(verb: .list, kind: "Pod", namespace: "default"), from: identity)
        }
        // Past its expiry (and the minute of leeway) it no longer authenticates.
        harness.clock.advance(by: 3600 + 61)
        await #expect(throws: Status.self) { try await api.authenticate(bearerToken: token) }
    }

    @Test func validation_andMissingAccounts_areKubernetesErrors() async throws {
        try await account("robot")
        do {
            _ = try await requestToken("robot", ["expirationSeconds": 599])
            Issue.record("a 599-second token was issued")
        } catch let status as Status {
            #expect(status.code == 422)
            #expect(status.message == #"TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes"#)
        }
        do {
            _ = try await requestToken("ghost")
            Issue.record("a token was issued for a missing account")
        } catch let status as Status {
            #expect(status.code == 404 && status.message == #"serviceaccounts "ghost" not found"#)
        }
        do {
            _ = try await requestToken("robot", ["boundObjectRef": ["kind": "ConfigMap", "apiVersion": "v1", "name": "x"]])
            Issue.record("a token was bound to a ConfigMap")
        } catch let status as Status {
            #expect(status.code == 400 && status.message == "cannot bind token to object of type /v1, Kind=ConfigMap")
        }
        let custom = try await requestToken("robot", ["audiences": ["vault"], "expirationSeconds": 600])
        #expect(custom[path: ["spec", "audiences"]] == ["vault"])
        // A token for another audience does not authenticate to the API server.
        let token = try #require(custom[path: ["status", "token"]]?.stringValue)
        await #expect(throws: Status.self) { try await api.authenticate(bearerToken: token) }
    }

    @Test func aPodBoundToken_livesWithThePod_andItsAccount() async throws {
        try await account("robot")
        try await harness.addNode("node-a")
        let pod = try await harness.addPod("web", node: "node-a") { $0.spec.serviceAccountName = "robot" }
        let other = try await harness.addPod("other", node: "node-a")
        do {
            _ = try await requestToken("robot", ["boundObjectRef": ["kind": "Pod", "apiVersion": "v1", "name": "other"]])
            Issue.record("a token was bound to a pod of another account")
        } catch let status as Status {
            #expect(status.code == 400)
            #expect(status.message == #"cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name."#)
        }
        _ = other
        do {
            _ = try await requestToken(
                "robot", ["boundObjectRef": ["kind": "Pod", "apiVersion": "v1", "name": "web", "uid": "stale"]])
            Issue.record("a token was bound to a stale uid")
        } catch let status as Status {
            #expect(status.code == 409)
        }
        let answer = try await requestToken(
            "robot", ["boundObjectRef": ["kind": "Pod", "apiVersion": "v1", "name": "web"], "expirationSeconds": 3607])
        let token = try #require(answer[path: ["status", "token"]]?.stringValue)
        let claims = try #require(api.tokenSigner.verify(token))
        #expect(claims[path: ["kubernetes.io", "pod"]] == ["name": "web", "uid": .string(pod.metadata.uid ?? "")])
        #expect(claims[path: ["kubernetes.io", "node", "name"]] == "node-a")
        // The kubelet's 3607 seconds are extended to a year, with warnafter at the asked time.
        let issued = try #require(claims["iat"]?.intValue)
        #expect(claims["exp"]?.intValue == issued + 365 * 24 * 3600)
        #expect(claims[path: ["kubernetes.io", "warnafter"]]?.intValue == issued + 3607)
        #expect(answer[path: ["status", "expirationTimestamp"]]?.stringValue
            == Timestamp.format(harness.clock.now.addingTimeInterval(3607)))
        _ = try await api.authenticate(bearerToken: token)

        try await harness.client.delete(.pod, namespace: "default", name: "web", gracePeriodSeconds: 0)
        await #expect(throws: Status.self) { try await api.authenticate(bearerToken: token) }
    }

    @Test func aNode_getsTokensOnlyForPodsBoundToIt_withTheirUID() async throws {
        try await account("robot")
        try await harness.addNode("node-a")
        try await harness.addNode("node-b")
        let mine = try await harness.addPod("mine", node: "node-a") { $0.spec.serviceAccountName = "robot" }
        let theirs = try await harness.addPod("theirs", node: "node-b") { $0.spec.serviceAccountName = "robot" }
        let node = PeerIdentity(commonName: "system:node:node-a", organizations: ["system:nodes"])
        func ask(_ spec: JSONValue) async throws -> JSONValue? {
            var request = Request(verb: .create, kind: "ServiceAccount", namespace: "default", name: "robot")
            request.subresource = "token"
            request.object = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": spec]
            return try await api.handle(request, from: node)
        }
        func bound(_ pod: Pod, uid: String? = nil) -> JSONValue {
            ["boundObjectRef": ["apiVersion": "v1", "kind": "Pod", "name": .string(pod.name),
                                "uid": .string(uid ?? pod.metadata.uid ?? "")], "expirationSeconds": 3607]
        }
        let answer = try #require(try await ask(bound(mine)))
        let token = try #require(answer[path: ["status", "token"]]?.stringValue)
        #expect(try await api.authenticate(bearerToken: token).commonName == "system:serviceaccount:default:robot")
        for (spec, why) in [
            ([:], "node requested token not bound to a pod"),
            (bound(theirs), "node requested token bound to a pod scheduled on a different node"),
            (["boundObjectRef": ["apiVersion": "v1", "kind": "Pod", "name": "mine"]],
             "node requested token with a pod binding without a uid"),
            (bound(mine, uid: "stale"), "the UID in the bound object reference (stale) does not match the UID in record. The object might have been deleted and then recreated"),
        ] as [(JSONValue, String)] {
            do {
                _ = try await ask(spec)
                Issue.record("a node got a token for \(spec)")
            } catch let status as Status {
                #expect(status.code == 403 && status.message == "serviceaccounts \"robot\" is forbidden: \(why)")
            }
        }
        // The node may not read or create ServiceAccounts themselves.
        await #expect(throws: Status.self) {
            _ = try await api.handle(Request(verb: .list, kind: "ServiceAccount", namespace: "default"), from: node)
        }
    }

    @Test func secretAndNodeBoundTokens_liveWithTheirObject() async throws {
        try await account("robot")
        let secret = try await harness.client.create(
            Secret(metadata: ObjectMeta(name: "anchor", namespace: "default")), namespace: "default")
        let node = try await harness.addNode("node-a")
        let bySecret = try await requestToken(
            "robot", ["boundObjectRef": ["kind": "Secret", "apiVersion": "v1", "name": "anchor",
                                         "uid": .string(secret.metadata.uid ?? "")]])
        let byNode = try await requestToken("robot", ["boundObjectRef": ["kind": "Node", "apiVersion": "v1", "name": "node-a"]])
        let secretToken = try #require(bySecret[path: ["status", "token"]]?.stringValue)
        let nodeToken = try #require(byNode[path: ["status", "token"]]?.stringValue)
        let claims = try #require(api.tokenSigner.verify(nodeToken))
        #expect(claims[path: ["kubernetes.io", "node"]] == ["name": "node-a", "uid": .string(node.metadata.uid ?? "")])
        _ = try await api.authenticate(bearerToken: secretToken)
        _ = try await api.authenticate(bearerToken: nodeToken)
        try await harness.client.delete(.secret, namespace: "default", name: "anchor")
        await #expect(throws: Status.self) { try await api.authenticate(bearerToken: secretToken) }
        try await harness.client.delete(.node, namespace: nil, name: "node-a")
        await #expect(throws: Status.self) { try await api.authenticate(bearerToken: nodeToken) }
    }

    @Test func aRecreatedAccount_doesNotInheritTheOldTokens() async throws {
        try await account("robot")
        let token = try #require(try await requestToken("robot")[path: ["status", "token"]]?.stringValue)
        _ = try await api.authenticate(bearerToken: token)
        try await harness.client.delete(.serviceAccount, namespace: "default", name: "robot")
        await #expect(throws: Status.self) { try await api.authenticate(bearerToken: token) }
        try await account("robot")
        await #expect(throws: Status.self) { try await api.authenticate(bearerToken: token) }
    }

    @Test func newPods_mountTheAccountToken_unlessTheyOptOut() async throws {
        let pod = try await harness.addPod("web")
        let volume = try #require(pod.spec.volumes?.first)
        let name = try #require(volume["name"]?.stringValue)
        #expect(name.hasPrefix("kube-api-access-") && name.count == "kube-api-access-".count + 5)
        #expect(volume == ServiceAccountTokenMount.volume(named: name))
        #expect(volume[path: ["projected", "sources"]]?.arrayValue?.count == 3)
        #expect(pod.spec.containers.first?.volumeMounts
            == [VolumeMount(name: name, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true)])

        let optedOut = try await harness.addPod("quiet") { $0.spec.automountServiceAccountToken = false }
        #expect(optedOut.spec.volumes == nil && optedOut.spec.containers.first?.volumeMounts == nil)

        // An account that opts out: its pods get no token unless they ask for one themselves.
        var quietAccount = ServiceAccount(metadata: ObjectMeta(name: "quiet", namespace: "default"))
        quietAccount.automountServiceAccountToken = false
        quietAccount.imagePullSecrets = [["name": "regcred"]]
        try await harness.client.create(quietAccount, namespace: "default")
        let followsAccount = try await harness.addPod("follows") { $0.spec.serviceAccountName = "quiet" }
        #expect(followsAccount.spec.volumes == nil)
        // A pod without pull secrets gets its account's; one with its own keeps them.
        #expect(followsAccount.spec.imagePullSecrets == [["name": "regcred"]])
        let ownSecrets = try await harness.addPod("own-secrets") { pod in
            pod.spec.serviceAccountName = "quiet"
            pod.spec.imagePullSecrets = [["name": "mine"]]
        }
        #expect(ownSecrets.spec.imagePullSecrets == [["name": "mine"]])
        #expect(pod.spec.imagePullSecrets == nil)
        let asksItself = try await harness.addPod("asks") { pod in
            pod.spec.serviceAccountName = "quiet"
            pod.spec.automountServiceAccountToken = true
        }
        #expect(asksItself.spec.volumes?.count == 1)

        let ownMount = try await harness.addPod("own") { pod in
            pod.spec.initContainers = [Container(name: "init", image: "busybox:1.36")]
            pod.spec.containers[0].volumeMounts = [
                VolumeMount(name: "mine", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount")
            ]
            pod.spec.volumes = [["name": "mine", "emptyDir": [:]]]
        }
        #expect(ownMount.spec.containers[0].volumeMounts?.count == 1)
        #expect(ownMount.spec.initContainers?[0].volumeMounts?.first?.name.hasPrefix("kube-api-access-") == true)
        #expect(ownMount.spec.volumes?.count == 2)
    }
}
