import Foundation
import KubeAPI
import Testing

@testable import kctl

private func json(_ text: String) -> JSONValue { (try? JSONValue(jsonData: Data(text.utf8))) ?? .null }

/// Pieces of kctl's output found to differ from kubectl 1.32 by the differential suite, each as kubectl prints it.
@Suite struct KubectlParityTests {
    @Test func failedLists_nameTheResourceAndTheSelectors() {
        let bad = Status(code: 400, reason: .badRequest, message: "field label not supported: foo")
        let wrapped = ListErrorContext.wrap(bad, kind: .pod, labelSelector: nil, fieldSelector: "foo=bar") as? Status
        #expect(
            wrapped?.message
                == #"Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo"#
        )
        let plain = ListErrorContext.wrap(bad, kind: .daemonSet, labelSelector: nil, fieldSelector: nil) as? Status
        #expect(plain?.message == #"Unable to list "apps/v1, Resource=daemonsets": field label not supported: foo"#)
        let forbidden = Status(code: 403, reason: .forbidden, message: "no")
        #expect((ListErrorContext.wrap(forbidden, kind: .pod, labelSelector: "a=b", fieldSelector: nil) as? Status)
            == forbidden)
    }

    @Test func managedFields_areLeftOutOfObjectsAndListItems() {
        let object = json(#"{"kind":"Pod","metadata":{"name":"p","managedFields":[{"manager":"m"}]}}"#)
        #expect(ManagedFieldsOmission.omitted(object) == json(#"{"kind":"Pod","metadata":{"name":"p"}}"#))
        let list: JSONValue = ["kind": "List", "items": [object]]
        #expect(ManagedFieldsOmission.omitted(list) == ["kind": "List", "items": [json(#"{"kind":"Pod","metadata":{"name":"p"}}"#)]])
    }

    @Test func customColumnsFiles_readAsKubectlReadsThem() throws {
        #expect(
            OutputFormat.customColumns(template: "NAME   NODE\n.metadata.name  .spec.nodeName\n")
                == .customColumns("NAME:.metadata.name,NODE:.spec.nodeName"))
        #expect(
            OutputFormat.customColumns(template: "NAME NODE\n.metadata.name\n")
                == .unusable("number of headers (2) and field specifications (1) don't match"))
        #expect(
            OutputFormat.customColumns(template: "")
                == .unusable(
                    "invalid template, missing header line. Expected format is one line of space separated headers, "
                        + "one line of space separated column specs."))
        #expect(try OutputFormat("jsonpath-file=/nonexistent/x") == .unusable(
            "error reading --template /nonexistent/x, open /nonexistent/x: no such file or directory"))
    }

    @Test func rolloutHistoryObjects_printAsKubectlsTypedObjects() throws {
        let first = json(
            #"{"kind":"ReplicaSet","apiVersion":"apps/v1","metadata":{"name":"web-1","managedFields":[{}]},"spec":{"template":{"metadata":{"labels":{"a":"b"}}}}}"#
        )
        let second = json(#"{"kind":"ReplicaSet","apiVersion":"apps/v1","metadata":{"name":"web-2"},"spec":{}}"#)
        let entries = [
            RolloutHistory.Entry(revision: 1, changeCause: nil, template: .null, object: first),
            RolloutHistory.Entry(revision: 2, changeCause: nil, template: .null, object: second),
        ]
        #expect(try RolloutHistoryPrinter.render(entries, revision: 0, format: .name)
            == "replicaset.apps/web-1\nreplicaset.apps/web-2\n")
        let yaml = try RolloutHistoryPrinter.render(entries, revision: 1, format: .yaml)
        #expect(yaml.contains("      creationTimestamp: null\n      labels:\n"), "\(yaml)")
        #expect(!yaml.contains("managedFields"))
        #expect(try RolloutHistoryPrinter.render(entries, revision: 0, format: .yaml).contains("\n---\n"))
        #expect(try RolloutHistoryPrinter.render(entries, revision: 2, format: .jsonPath("{.metadata.name}")) == "web-2")
        #expect(throws: RolloutError("unable to find the specified revision")) {
            try RolloutHistoryPrinter.render(entries, revision: 3, format: .yaml)
        }
    }

    @Test func jsonPathAsJSON_printsEachResultGroupAsAnIndentedArray() throws {
        let list = json(#"{"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"#)
        #expect(try JSONPath.renderAsJSON(template: "{.items[*].metadata.name}", on: list) == "[\n    \"a\",\n    \"b\"\n]\n")
        #expect(
            try JSONPath.renderAsJSON(template: "{range .items[*]}{.metadata.name}{end}", on: list)
                == "[\n    \"a\"\n]\n[\n    \"b\"\n]\n")
        #expect(try JSONPath.renderAsJSON(template: "{.nope}", on: list) == "[]\n")
        #expect(try OutputFormat("jsonpath-as-json={.a}") == .jsonPathAsJSON("{.a}"))
    }

    @Test func endpoints_describeAsKubectl() {
        let endpoints = json(
            #"{"metadata":{"name":"redis","namespace":"default","labels":{"app":"redis"}},"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"name":"redis","port":6379,"protocol":"TCP"},{"port":80,"protocol":"TCP"}]}]}"#
        )
        #expect(
            EndpointsDescriber.describe(endpoints, events: [], now: Date()) == """
                Name:         redis
                Namespace:    default
                Labels:       app=redis
                Annotations:  <none>
                Subsets:
                  Addresses:          10.0.0.1,10.0.0.2
                  NotReadyAddresses:  <none>
                  Ports:
                    Name     Port  Protocol
                    ----     ----  --------
                    redis    6379  TCP
                    <unset>  80    TCP

                Events:  <none>

                """)
    }

    @Test func typedObjects_printInGoFieldOrder() {
        let event = json(
            #"{"type":"Normal","apiVersion":"v1","kind":"Event","metadata":{"uid":"u","name":"e","labels":{"b":"1","a":"2"}},"reason":"R","x-extra":true,"source":{}}"#
        )
        #expect(
            GoStructJSON.print(event, order: .event) == """
                {
                    "kind": "Event",
                    "apiVersion": "v1",
                    "metadata": {
                        "name": "e",
                        "uid": "u",
                        "labels": {
                            "a": "2",
                            "b": "1"
                        }
                    },
                    "reason": "R",
                    "source": {},
                    "type": "Normal",
                    "x-extra": true
                }

                """)
        let list: JSONValue = ["items": [], "metadata": [:], "kind": "EventList", "apiVersion": "v1"]
        #expect(
            GoStructJSON.print(list, order: .eventList)
                == "{\n    \"kind\": \"EventList\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {},\n    \"items\": []\n}\n")
    }
}
