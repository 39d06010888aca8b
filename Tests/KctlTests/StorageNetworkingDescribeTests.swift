import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl describe` of the networking and storage kinds against what kubectl 1.32 printed for the same objects
/// (taken from a kctl cluster, times in UTC).
@Suite struct StorageNetworkingDescribeTests {
    static let now = Date(timeIntervalSince1970: 1_796_690_434)  // 2026-12-08T00:40:34Z
    static let utc = TimeZone(secondsFromGMT: 0) ?? .current

    static func parse(_ json: String) -> JSONValue { (try? JSONValue(jsonData: Data(json.utf8))) ?? .null }

    @Test func networkPolicy_rulesPortsRangesPeersAndPolicyTypes() {
        let policy = Self.parse(#"""
            {"metadata":{"name":"web-policy","namespace":"default","creationTimestamp":"2026-12-08T00:40:34Z"},
             "spec":{"podSelector":{"matchLabels":{"app":"web"}},
               "ingress":[{"from":[{"podSelector":{"matchLabels":{"role":"frontend"}}},
                                   {"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}],
                           "ports":[{"port":80,"protocol":"TCP"},{"port":8000,"endPort":8080,"protocol":"UDP"}]}],
               "egress":[{"to":[{"namespaceSelector":{}}]}],
               "policyTypes":["Ingress","Egress"]}}
            """#)
        #expect(NetworkingDescriber.describeNetworkPolicy(policy, timeZone: Self.utc) == """
            Name:         web-policy
            Namespace:    default
            Created on:   2026-12-08 00:40:34 +0000 UTC
            Labels:       <none>
            Annotations:  <none>
            Spec:
              PodSelector:     app=web
              Allowing ingress traffic:
                To Port: 80/TCP
                To Port Range: 8000-8080/UDP
                From:
                  PodSelector: role=frontend
                From:
                  IPBlock:
                    CIDR: 10.0.0.0/8
                    Except: 10.1.0.0/16
              Allowing egress traffic:
                To Port: <any> (traffic allowed to all ports)
                To:
                  NamespaceSelector: <none>
              Policy Types: Ingress, Egress

            """)
        let egressOnly = Self.parse(#"""
            {"metadata":{"name":"deny-egress","namespace":"default","creationTimestamp":"2026-12-08T00:40:34Z"},
             "spec":{"podSelector":{},"policyTypes":["Egress"]}}
            """#)
        #expect(NetworkingDescriber.describeNetworkPolicy(egressOnly, timeZone: Self.utc).hasSuffix("""
            Spec:
              PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)
              Not affecting ingress traffic
              Allowing egress traffic:
                <none> (Selected pods are isolated for egress connectivity)
              Policy Types: Egress

            """))
    }

    @Test func ingress_backendsWithEndpointsOrTheLookupError() {
        let ingress = Self.parse(#"""
            {"metadata":{"name":"web","namespace":"default"},
             "spec":{"ingressClassName":"nginx","defaultBackend":{"service":{"name":"web","port":{"number":80}}},
               "tls":[{"hosts":["web.example.com"],"secretName":"web-tls"}],
               "rules":[{"host":"web.example.com","http":{"paths":[
                   {"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}},
                   {"path":"/api","pathType":"Exact","backend":{"service":{"name":"api","port":{"name":"http"}}}}]}},
                 {"host":"other.example.com","http":{"paths":[{"path":"/","pathType":"ImplementationSpecific",
                   "backend":{"resource":{"apiGroup":"k8s.example.com","kind":"StorageBucket","name":"static-assets"}}}]}}]},
             "status":{"loadBalancer":{}}}
            """#)
        let service = Self.parse(#"{"metadata":{"name":"web"},"spec":{"ports":[{"name":"http","port":80}]}}"#)
        let slice = Self.parse(#"""
            {"metadata":{"name":"web-x","labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4",
             "ports":[{"name":"http","port":8080,"protocol":"TCP"}],
             "endpoints":[{"addresses":["10.244.1.2"],"conditions":{"ready":true}}]}
            """#)
        #expect(NetworkingDescriber.describeIngress(
            ingress, services: .success([service]), endpointSlices: [slice], events: [], now: Self.now) == """
            Name:             web
            Labels:           <none>
            Namespace:        default
            Address:          
            Ingress Class:    nginx
            Default backend:  web:80 (10.244.1.2:8080)
            TLS:
              web-tls terminates web.example.com
            Rules:
              Host               Path  Backends
              ----               ----  --------
              web.example.com    
                                 /      web:80 (10.244.1.2:8080)
                                 /api   api:http (<error: services "api" not found>)
              other.example.com  
                                 /   APIGroup: k8s.example.com, Kind: StorageBucket, Name: static-assets
            Annotations:         <none>
            Events:              <none>

            """)
    }

    @Test func storageClass_persistentVolume_andClaim() {
        let storageClass = Self.parse(#"""
            {"metadata":{"name":"manual"},"provisioner":"kubernetes.io/no-provisioner","parameters":{"type":"local"},
             "allowVolumeExpansion":true,"mountOptions":["debug"],"reclaimPolicy":"Delete","volumeBindingMode":"Immediate"}
            """#)
        #expect(StorageDescriber.describeStorageClass(storageClass, events: [], now: Self.now) == """
            Name:                  manual
            IsDefaultClass:        No
            Annotations:           <none>
            Provisioner:           kubernetes.io/no-provisioner
            Parameters:            type=local
            AllowVolumeExpansion:  True
            MountOptions:
              debug
            ReclaimPolicy:      Delete
            VolumeBindingMode:  Immediate
            Events:             <none>

            """)
        let volume = Self.parse(#"""
            {"metadata":{"name":"pv-manual","labels":{"type":"local"}},
             "spec":{"storageClassName":"manual","capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],
               "hostPath":{"path":"/tmp/pv-manual","type":""},"persistentVolumeReclaimPolicy":"Retain",
               "volumeMode":"Filesystem"},
             "status":{"phase":"Pending"}}
            """#)
        #expect(StorageDescriber.describePersistentVolume(volume, events: [], now: Self.now) == """
            Name:            pv-manual
            Labels:          type=local
            Annotations:     <none>
            Finalizers:      []
            StorageClass:    manual
            Status:          Pending
            Claim:           
            Reclaim Policy:  Retain
            Access Modes:    RWO
            VolumeMode:      Filesystem
            Capacity:        1Gi
            Node Affinity:   <none>
            Message:         
            Source:
                Type:          HostPath (bare host directory volume)
                Path:          /tmp/pv-manual
                HostPathType:  
            Events:            <none>

            """)
        let claim = Self.parse(#"""
            {"metadata":{"name":"data","namespace":"default","finalizers":["kubernetes.io/pvc-protection"]},
             "spec":{"storageClassName":"manual","volumeName":"pv-manual","volumeMode":"Filesystem"},
             "status":{"phase":"Bound","capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"]}}
            """#)
        let user = Self.parse(#"{"metadata":{"name":"web-0"},"spec":{"volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"data"}}]}}"#)
        let other = Self.parse(#"{"metadata":{"name":"other"},"spec":{"volumes":[{"name":"d","emptyDir":{}}]}}"#)
        #expect(StorageDescriber.describePersistentVolumeClaim(
            claim, pods: [other, user], events: nil, now: Self.now, timeZone: Self.utc) == """
            Name:          data
            Namespace:     default
            StorageClass:  manual
            Status:        Bound
            Volume:        pv-manual
            Labels:        <none>
            Annotations:   <none>
            Finalizers:    [kubernetes.io/pvc-protection]
            Capacity:      1Gi
            Access Modes:  RWO
            VolumeMode:    Filesystem
            Used By:       web-0

            """)
    }

    @Test func persistentVolumeSources_asKubectlPrintsThem() {
        let csi = Self.parse(#"""
            {"metadata":{"name":"pv-csi"},
             "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],
               "csi":{"driver":"hostpath.csi.k8s.io","volumeHandle":"vol-123","fsType":"ext4",
                      "volumeAttributes":{"a":"1","b":"2"}}},
             "status":{"phase":"Available"}}
            """#)
        #expect(StorageDescriber.describePersistentVolume(csi, events: [], now: Self.now).hasSuffix("""
            Source:
                Type:              CSI (a Container Storage Interface (CSI) volume source)
                Driver:            hostpath.csi.k8s.io
                FSType:            ext4
                VolumeHandle:      vol-123
                ReadOnly:          false
                VolumeAttributes:      a=1
                                       b=2
            Events:                <none>

            """))
        let fc = Self.parse(#"""
            {"metadata":{"name":"pv-fc"},"spec":{"capacity":{"storage":"1Gi"},
             "fc":{"targetWWNs":["500a0981891b8dc5","500a0981991b8dc5"],"lun":0,"fsType":"ext4"}}}
            """#)
        #expect(StorageDescriber.describePersistentVolume(fc, events: nil, now: Self.now).hasSuffix("""
            Source:
                Type:        FC (a Fibre Channel disk)
                TargetWWNs:  500a0981891b8dc5, 500a0981991b8dc5
                LUN:         0
                FSType:      ext4
                ReadOnly:    false

            """))
        let local = Self.parse(#"""
            {"metadata":{"name":"pv-local"},"spec":{"capacity":{"storage":"10Gi"},"local":{"path":"/mnt/disks/ssd1"},
             "nodeAffinity":{"required":{"nodeSelectorTerms":[{"matchExpressions":[
               {"key":"kubernetes.io/hostname","operator":"In","values":["n1","n2"]}]}]}}}}
            """#)
        #expect(StorageDescriber.describePersistentVolume(local, events: nil, now: Self.now).contains("""
            Node Affinity:     
              Required Terms:  
                Term 0:        kubernetes.io/hostname in [n1, n2]
            """))
    }
}
