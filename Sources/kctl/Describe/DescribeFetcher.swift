import Foundation
import KubeAPI
import Wire

/// Fetches, through the API, what ``ObjectDescriber`` shows besides an object: its events, the pods of a node or
/// controller, a deployment's replica sets, a service's endpoints, a node's lease. The only I/O of `describe`
/// besides reading the objects themselves.
struct DescribeFetcher: Sendable {
    /// The namespace node leases live in.
    static let nodeLeaseNamespace = "kube-node-lease"

    let client: APIClient
    let now: Date
    let timeZone: TimeZone

    /// The inputs for describing `object` (of `kind`); events only when `showEvents`.
    ///
    /// As kubectl, failures to read events or endpoints are ignored (no events, `<none>`), a failed lease lookup
    /// is shown in the `Lease:` line, and a failed pod listing is shown in a ReplicaSet's `Pods Status:` line;
    /// other failures fail the description.
    func inputs(for object: JSONValue, kind: ResourceKind, showEvents: Bool) async throws -> DescribeInputs {
        var inputs = DescribeInputs(now: now, timeZone: timeZone)
        let o = JSONFields(object)
        for need in ObjectDescriber.needs(kind) {
            switch need {
            case .selectedPods:
                do {
                    guard let selector = LabelFormat.selectorString(o.value("spec", "selector")) else {
                        throw DescribeFetchError(message: "invalid label selector")
                    }
                    let list = try await client.list(.pod, namespace: o.namespace, labelSelector: selector)
                    inputs.pods = .success(list?["items"]?.arrayValue ?? [])
                } catch {
                    guard kind == .replicaSet else { throw error }
                    inputs.pods = .failure(DescribeFetchError(message: Self.message(error)))
                }
            case .nodePodsAndLease:
                let selector = "spec.nodeName=\(o.name),status.phase!=Succeeded,status.phase!=Failed"
                let list = try await client.list(.pod, namespace: nil, fieldSelector: selector)
                inputs.pods = .success(list?["items"]?.arrayValue ?? [])
                do {
                    let lease = try await client.get(.lease, namespace: Self.nodeLeaseNamespace, name: o.name)
                    inputs.lease = lease.map { .found($0) } ?? .skipped
                } catch {
                    inputs.lease = .failed(Self.message(error))
                }
            case .replicaSets:
                let list = try await client.list(.replicaSet, namespace: o.namespace)
                inputs.replicaSets = list?["items"]?.arrayValue ?? []
            case .endpointSlices:
                let selector = "\(EndpointSlice.serviceNameLabel)=\(o.name)"
                let list = try? await client.list(.endpointSlice, namespace: o.namespace, labelSelector: selector)
                inputs.endpointSlices = list?["items"]?.arrayValue ?? []
            case .namespacePods:
                inputs.pods = .success((try await client.list(.pod, namespace: o.namespace))?["items"]?.arrayValue ?? [])
            case .namespaceServices:
                do {
                    inputs.services = .success((try await client.list(.service, namespace: o.namespace))?["items"]?.arrayValue ?? [])
                } catch {
                    inputs.services = .failure(DescribeFetchError(message: Self.message(error)))
                }
                let slices = try? await client.list(.endpointSlice, namespace: o.namespace)
                inputs.endpointSlices = slices?["items"]?.arrayValue ?? []
            case .namespaceSecrets:
                inputs.secrets = (try? await client.list(.secret, namespace: o.namespace))?["items"]?.arrayValue
            }
        }
        if showEvents && ObjectDescriber.showsEvents(kind) {
            let namespace: String? = kind.namespaced ? o.namespace : nil
            let list = try? await client.list(.event, namespace: namespace)
            inputs.events = EventsSection.related(list?["items"]?.arrayValue ?? [], to: object, kind: kind)
        }
        return inputs
    }

    /// Go's `err.Error()` for an API error: the status message.
    static func message(_ error: any Error) -> String {
        if let status = error as? Status { return status.message ?? "\(status)" }
        if let failure = error as? DescribeFetchError { return failure.message }
        return "\(error)"
    }
}
