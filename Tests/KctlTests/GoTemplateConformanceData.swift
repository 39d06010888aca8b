// Expected outputs recorded by running each template with Go's own text/template (Go 1.19, in a small harness
// doing what kubectl does: its JSON decoding, exists/base64decode, error lines and dump), except four messages
// that current Go words differently (`call`, `eq` twice, a stray `)`). Data, not to be edited by hand.
enum GoTemplateConformanceData {
    static let documents: [String: String] = [
        "ds": "{\"apiVersion\": \"apps/v1\", \"kind\": \"DaemonSet\", \"metadata\": {\"annotations\": {\"deprecated.daemonset.template.generation\": \"2\"}, \"creationTimestamp\": \"2026-01-02T03:04:05Z\", \"deletionTimestamp\": null, \"generation\": 2, \"labels\": {\"Zeta\": \"z\", \"app\": \"filebeat\", \"release\": \"stable\"}, \"name\": \"filebeat-ds\", \"namespace\": \"default\"}, \"spec\": {\"badsecret\": \"aGVsbG8*\", \"big\": 1000000, \"bigf\": 1.5e+300, \"empty\": [], \"emptymap\": {}, \"f\": false, \"neg\": -3, \"nested\": [[1, 2], [3]], \"ratio\": 0.25, \"secret\": \"aGVsbG8gd29ybGQ=\", \"selector\": {\"matchLabels\": {\"app\": \"filebeat\"}}, \"str\": \"héllo \\\"q\\\" <&>\", \"t\": true, \"template\": {\"spec\": {\"containers\": [{\"env\": [{\"name\": \"REDIS_HOST\", \"value\": \"redis\"}, {\"name\": \"LEVEL\", \"value\": \"info\"}], \"image\": \"ikubernetes/filebeat:5.6.5-alpine\", \"name\": \"filebeat\"}, {\"image\": \"busybox\", \"name\": \"side\", \"ports\": [{\"containerPort\": 8080}]}]}}, \"updateStrategy\": {\"rollingUpdate\": {\"maxSurge\": \"25%\", \"maxUnavailable\": 1}, \"type\": \"RollingUpdate\"}, \"zero\": 0}, \"status\": {\"desiredNumberScheduled\": 3, \"numberReady\": 3}}",
        "list": "{\"apiVersion\": \"v1\", \"items\": [{\"apiVersion\": \"apps/v1\", \"kind\": \"DaemonSet\", \"metadata\": {\"annotations\": {\"deprecated.daemonset.template.generation\": \"2\"}, \"creationTimestamp\": \"2026-01-02T03:04:05Z\", \"deletionTimestamp\": null, \"generation\": 2, \"labels\": {\"Zeta\": \"z\", \"app\": \"filebeat\", \"release\": \"stable\"}, \"name\": \"filebeat-ds\", \"namespace\": \"default\"}, \"spec\": {\"badsecret\": \"aGVsbG8*\", \"big\": 1000000, \"bigf\": 1.5e+300, \"empty\": [], \"emptymap\": {}, \"f\": false, \"neg\": -3, \"nested\": [[1, 2], [3]], \"ratio\": 0.25, \"secret\": \"aGVsbG8gd29ybGQ=\", \"selector\": {\"matchLabels\": {\"app\": \"filebeat\"}}, \"str\": \"héllo \\\"q\\\" <&>\", \"t\": true, \"template\": {\"spec\": {\"containers\": [{\"env\": [{\"name\": \"REDIS_HOST\", \"value\": \"redis\"}, {\"name\": \"LEVEL\", \"value\": \"info\"}], \"image\": \"ikubernetes/filebeat:5.6.5-alpine\", \"name\": \"filebeat\"}, {\"image\": \"busybox\", \"name\": \"side\", \"ports\": [{\"containerPort\": 8080}]}]}}, \"updateStrategy\": {\"rollingUpdate\": {\"maxSurge\": \"25%\", \"maxUnavailable\": 1}, \"type\": \"RollingUpdate\"}, \"zero\": 0}, \"status\": {\"desiredNumberScheduled\": 3, \"numberReady\": 3}}, {\"apiVersion\": \"apps/v1\", \"kind\": \"DaemonSet\", \"metadata\": {\"name\": \"other\"}, \"spec\": {\"updateStrategy\": {\"type\": \"OnDelete\"}}}], \"kind\": \"List\", \"metadata\": {\"resourceVersion\": \"\"}}",
    ]

    static let cases: [GoTemplateConformanceCase] = [
        GoTemplateConformanceCase(
            name: "tutorial", document: "ds",
            template: "{{.spec.updateStrategy.type}}{{\"\\n\"}}",
            stdout: "RollingUpdate\n",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "text_only", document: "ds",
            template: "hello",
            stdout: "hello",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "missing", document: "ds",
            template: "{{.nope}}|{{.nope.deeper}}|{{.metadata.nope}}",
            stdout: "<no value>|<no value>|<no value>",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "null_field", document: "ds",
            template: "{{.metadata.deletionTimestamp}}",
            stdout: "<no value>",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "null_chain", document: "ds",
            template: "a{{.metadata.deletionTimestamp.x}}b",
            stdout: "aError executing template: template: output:1:12: executing \"output\" at <.metadata.deletionTimestamp.x>: nil pointer evaluating interface {}.x. Printing more information for debugging the template:\n\ttemplate was:\n\t\ta{{.metadata.deletionTimestamp.x}}b\n\traw data was:\n\t\t{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\",\"metadata\":{\"annotations\":{\"deprecated.daemonset.template.generation\":\"2\"},\"creationTimestamp\":\"2026-01-02T03:04:05Z\",\"deletionTimestamp\":null,\"generation\":2,\"labels\":{\"Zeta\":\"z\",\"app\":\"filebeat\",\"release\":\"stable\"},\"name\":\"filebeat-ds\",\"namespace\":\"default\"},\"spec\":{\"badsecret\":\"aGVsbG8*\",\"big\":1000000,\"bigf\":1.5e+300,\"empty\":[],\"emptymap\":{},\"f\":false,\"neg\":-3,\"nested\":[[1,2],[3]],\"ratio\":0.25,\"secret\":\"aGVsbG8gd29ybGQ=\",\"selector\":{\"matchLabels\":{\"app\":\"filebeat\"}},\"str\":\"héllo \\\"q\\\" \\u003c\\u0026\\u003e\",\"t\":true,\"template\":{\"spec\":{\"containers\":[{\"env\":[{\"name\":\"REDIS_HOST\",\"value\":\"redis\"},{\"name\":\"LEVEL\",\"value\":\"info\"}],\"image\":\"ikubernetes/filebeat:5.6.5-alpine\",\"name\":\"filebeat\"},{\"image\":\"busybox\",\"name\":\"side\",\"ports\":[{\"containerPort\":8080}]}]}},\"updateStrategy\":{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":1},\"type\":\"RollingUpdate\"},\"zero\":0},\"status\":{\"desiredNumberScheduled\":3,\"numberReady\":3}}\n\tobject given to template engine was:\n\t\tmap[apiVersion:apps/v1 kind:DaemonSet metadata:map[annotations:map[deprecated.daemonset.template.generation:2] creationTimestamp:2026-01-02T03:04:05Z deletionTimestamp:<nil> generation:2 labels:map[Zeta:z app:filebeat release:stable] name:filebeat-ds namespace:default] spec:map[badsecret:aGVsbG8* big:1000000 bigf:1.5e+300 empty:[] emptymap:map[] f:false neg:-3 nested:[[1 2] [3]] ratio:0.25 secret:aGVsbG8gd29ybGQ= selector:map[matchLabels:map[app:filebeat]] str:héllo \"q\" <&> t:true template:map[spec:map[containers:[map[env:[map[name:REDIS_HOST value:redis] map[name:LEVEL value:info]] image:ikubernetes/filebeat:5.6.5-alpine name:filebeat] map[image:busybox name:side ports:[map[containerPort:8080]]]]]] updateStrategy:map[rollingUpdate:map[maxSurge:25% maxUnavailable:1] type:RollingUpdate] zero:0] status:map[desiredNumberScheduled:3 numberReady:3]]\n\n",
            stderr: "error: error executing template \"a{{.metadata.deletionTimestamp.x}}b\": template: output:1:12: executing \"output\" at <.metadata.deletionTimestamp.x>: nil pointer evaluating interface {}.x\n"),
        GoTemplateConformanceCase(
            name: "numbers", document: "ds",
            template: "{{.metadata.generation}} {{.spec.ratio}} {{.spec.big}} {{.spec.bigf}} {{.spec.neg}} {{.spec.zero}}",
            stdout: "2 0.25 1000000 1.5e+300 -3 0",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "map_print", document: "ds",
            template: "{{.metadata.labels}}",
            stdout: "map[Zeta:z app:filebeat release:stable]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "slice_print", document: "ds",
            template: "{{.spec.nested}} {{.spec.empty}} {{.spec.emptymap}}",
            stdout: "[[1 2] [3]] [] map[]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "whole_map", document: "ds",
            template: "{{.spec.updateStrategy}}",
            stdout: "map[rollingUpdate:map[maxSurge:25% maxUnavailable:1] type:RollingUpdate]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_list", document: "list",
            template: "{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}",
            stdout: "filebeat-ds\nother\n",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_map_sorted", document: "ds",
            template: "{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}",
            stdout: "Zeta=z;app=filebeat;release=stable;",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_index", document: "ds",
            template: "{{range $i, $c := .spec.template.spec.containers}}{{$i}}:{{$c.name}} {{end}}",
            stdout: "0:filebeat 1:side ",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_single_var", document: "ds",
            template: "{{range $c := .spec.template.spec.containers}}{{$c.image}},{{end}}",
            stdout: "ikubernetes/filebeat:5.6.5-alpine,busybox,",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_else", document: "ds",
            template: "{{range .spec.empty}}x{{else}}empty{{end}}|{{range .nope}}x{{else}}none{{end}}",
            stdout: "empty|none",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_break", document: "ds",
            template: "{{range $i, $e := .spec.nested}}{{if eq $i 1}}{{break}}{{end}}{{$e}}{{end}}",
            stdout: "[1 2]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_continue", document: "ds",
            template: "{{range .spec.template.spec.containers}}{{if eq .name \"filebeat\"}}{{continue}}{{end}}{{.name}}{{end}}",
            stdout: "side",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "if_else", document: "ds",
            template: "{{if .spec.t}}T{{else}}F{{end}}{{if .spec.f}}T{{else if .spec.zero}}Z{{else}}N{{end}}",
            stdout: "TN",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "with", document: "ds",
            template: "{{with .spec.updateStrategy.rollingUpdate}}{{.maxUnavailable}}/{{.maxSurge}}{{end}}{{with .nope}}x{{else}}no{{end}}",
            stdout: "1/25%no",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "vars", document: "ds",
            template: "{{$n := .metadata.name}}{{$n}} {{$n = \"x\"}}{{$n}} {{$.kind}}",
            stdout: "filebeat-ds x DaemonSet",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "var_scope", document: "ds",
            template: "{{if true}}{{$x := 1}}{{$x}}{{end}}",
            stdout: "1",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "trim", document: "ds",
            template: "a  {{- \"b\" -}}  c\n {{- 1 }} d",
            stdout: "abc1 d",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "comment", document: "ds",
            template: "a{{/* hi */}}b{{- /* x */ -}} c",
            stdout: "abc",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "pipe", document: "ds",
            template: "{{.metadata.name | printf \"%s!\" | printf \"[%s]\"}}",
            stdout: "[filebeat-ds!]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "paren", document: "ds",
            template: "{{(index .spec.template.spec.containers 1).name}} {{(.spec.updateStrategy).type}}",
            stdout: "side RollingUpdate",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_verbs", document: "ds",
            template: "{{printf \"%s %d %v %q %t %f %.2f %e %g %x %X %o %b %c %U %5d|%-5d|%05d %+d\" \"s\" 42 .spec.ratio \"q\" true 1.5 3.14159 1234.5 0.000012 255 255 8 5 65 65 42 42 42 42}}",
            stdout: "s 42 0.25 \"q\" true 1.500000 3.14 1.234500e+03 1.2e-05 ff FF 10 101 A U+0041    42|42   |00042 +42",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_json_int", document: "ds",
            template: "{{printf \"%d %v %T %T %T %T\" .metadata.generation .spec.ratio .metadata.generation .spec.ratio .metadata .spec.empty}}",
            stdout: "2 0.25 int64 float64 map[string]interface {} []interface {}",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_bad", document: "ds",
            template: "{{printf \"%d %s %z\" \"x\" 3 1}}|{{printf \"%s\"}}|{{printf \"a\" 1 \"b\"}}|{{printf \"%!\"}}",
            stdout: "%!d(string=x) %!s(int=3) %!z(int=1)|%!s(MISSING)|a%!(EXTRA int=1, string=b)|%!!(MISSING)",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_q", document: "ds",
            template: "{{printf \"%q %+q %#q %x % x %#x\" .spec.str .spec.str \"a`b\" \"hi\" \"hi\" \"hi\"}}",
            stdout: "\"héllo \\\"q\\\" <&>\" \"h\\u00e9llo \\\"q\\\" <&>\" \"a`b\" 6869 68 69 0x6869",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_width", document: "ds",
            template: "{{printf \"%8.3f|%-8s|%8s|%.2s|%*d|%-*d|\" 3.14159 \"ab\" \"ab\" \"abcdef\" 5 42 5 42}}",
            stdout: "   3.142|ab      |      ab|ab|   42|42   |",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_map", document: "ds",
            template: "{{printf \"%v %d %s\" .metadata.labels .spec.nested .spec.nested}}",
            stdout: "map[Zeta:z app:filebeat release:stable] [[1 2] [3]] [[%!s(int64=1) %!s(int64=2)] [%!s(int64=3)]]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_sharpv", document: "ds",
            template: "{{printf \"%#v %#v %#v %#v\" .metadata.labels .spec.nested \"s\" .spec.ratio}}",
            stdout: "map[string]interface {}{\"Zeta\":\"z\", \"app\":\"filebeat\", \"release\":\"stable\"} []interface {}{[]interface {}{1, 2}, []interface {}{3}} \"s\" 0.25",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_index", document: "ds",
            template: "{{printf \"%[2]s %[1]s %[3]d\" \"a\" \"b\"}}",
            stdout: "b a %!d(BADINDEX)",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "print_println", document: "ds",
            template: "{{print \"a\" 1 2 \"b\" \"c\" 3.5 true .nope}}|{{println \"a\" 1 .metadata.name}}|{{print}}",
            stdout: "a1 2bc3.5 true <nil>|a 1 filebeat-ds\n|",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "len", document: "ds",
            template: "{{len .metadata.labels}} {{len .spec.template.spec.containers}} {{len .metadata.name}} {{len .spec.str}}",
            stdout: "3 2 11 14",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "len_missing", document: "ds",
            template: "{{len .nope}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <len .nope>: error calling len: reflect: call of reflect.Value.Type on zero Value. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{{len .nope}}\n\traw data was:\n\t\t{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\",\"metadata\":{\"annotations\":{\"deprecated.daemonset.template.generation\":\"2\"},\"creationTimestamp\":\"2026-01-02T03:04:05Z\",\"deletionTimestamp\":null,\"generation\":2,\"labels\":{\"Zeta\":\"z\",\"app\":\"filebeat\",\"release\":\"stable\"},\"name\":\"filebeat-ds\",\"namespace\":\"default\"},\"spec\":{\"badsecret\":\"aGVsbG8*\",\"big\":1000000,\"bigf\":1.5e+300,\"empty\":[],\"emptymap\":{},\"f\":false,\"neg\":-3,\"nested\":[[1,2],[3]],\"ratio\":0.25,\"secret\":\"aGVsbG8gd29ybGQ=\",\"selector\":{\"matchLabels\":{\"app\":\"filebeat\"}},\"str\":\"héllo \\\"q\\\" \\u003c\\u0026\\u003e\",\"t\":true,\"template\":{\"spec\":{\"containers\":[{\"env\":[{\"name\":\"REDIS_HOST\",\"value\":\"redis\"},{\"name\":\"LEVEL\",\"value\":\"info\"}],\"image\":\"ikubernetes/filebeat:5.6.5-alpine\",\"name\":\"filebeat\"},{\"image\":\"busybox\",\"name\":\"side\",\"ports\":[{\"containerPort\":8080}]}]}},\"updateStrategy\":{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":1},\"type\":\"RollingUpdate\"},\"zero\":0},\"status\":{\"desiredNumberScheduled\":3,\"numberReady\":3}}\n\tobject given to template engine was:\n\t\tmap[apiVersion:apps/v1 kind:DaemonSet metadata:map[annotations:map[deprecated.daemonset.template.generation:2] creationTimestamp:2026-01-02T03:04:05Z deletionTimestamp:<nil> generation:2 labels:map[Zeta:z app:filebeat release:stable] name:filebeat-ds namespace:default] spec:map[badsecret:aGVsbG8* big:1000000 bigf:1.5e+300 empty:[] emptymap:map[] f:false neg:-3 nested:[[1 2] [3]] ratio:0.25 secret:aGVsbG8gd29ybGQ= selector:map[matchLabels:map[app:filebeat]] str:héllo \"q\" <&> t:true template:map[spec:map[containers:[map[env:[map[name:REDIS_HOST value:redis] map[name:LEVEL value:info]] image:ikubernetes/filebeat:5.6.5-alpine name:filebeat] map[image:busybox name:side ports:[map[containerPort:8080]]]]]] updateStrategy:map[rollingUpdate:map[maxSurge:25% maxUnavailable:1] type:RollingUpdate] zero:0] status:map[desiredNumberScheduled:3 numberReady:3]]\n\n",
            stderr: "error: error executing template \"{{len .nope}}\": template: output:1:2: executing \"output\" at <len .nope>: error calling len: reflect: call of reflect.Value.Type on zero Value\n"),
        GoTemplateConformanceCase(
            name: "len_null", document: "ds",
            template: "{{len .metadata.deletionTimestamp}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <len .metadata.deletionTimestamp>: error calling len: len of nil pointer. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{len .metadata.deletionTimestamp}}\": template: output:1:2: executing \"output\" at <len .metadata.deletionTimestamp>: error calling len: len of nil pointer\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "len_int", document: "ds",
            template: "{{len .spec.zero}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <len .spec.zero>: error calling len: len of type int64. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{len .spec.zero}}\": template: output:1:2: executing \"output\" at <len .spec.zero>: error calling len: len of type int64\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "index", document: "ds",
            template: "{{index .metadata.labels \"app\"}} {{index .spec.nested 0 1}} {{index .metadata.annotations \"deprecated.daemonset.template.generation\"}} {{index .metadata.labels \"nokey\"}} {{index \"abc\" 1}}",
            stdout: "filebeat 2 2 <no value> 98",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "index_oob", document: "ds",
            template: "{{index .spec.nested 5}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <index .spec.nested 5>: error calling index: index out of range: 5. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{index .spec.nested 5}}\": template: output:1:2: executing \"output\" at <index .spec.nested 5>: error calling index: index out of range: 5\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "index_eq_len", document: "ds",
            template: "{{index .spec.nested 2}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <index .spec.nested 2>: error calling index: reflect: slice index out of range. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{index .spec.nested 2}}\": template: output:1:2: executing \"output\" at <index .spec.nested 2>: error calling index: reflect: slice index out of range\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "index_badkey", document: "ds",
            template: "{{index .metadata.labels 1}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <index .metadata.labels 1>: error calling index: value has type int; should be string. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{index .metadata.labels 1}}\": template: output:1:2: executing \"output\" at <index .metadata.labels 1>: error calling index: value has type int; should be string\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "index_nil", document: "ds",
            template: "{{index .nope 1}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <index .nope 1>: error calling index: index of untyped nil. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{index .nope 1}}\": template: output:1:2: executing \"output\" at <index .nope 1>: error calling index: index of untyped nil\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "slice", document: "ds",
            template: "{{slice .spec.nested 1}} {{slice .metadata.name 0 4}} {{slice .spec.nested 0 1 2}}",
            stdout: "[[3]] file [[1 2]]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "slice_err", document: "ds",
            template: "{{slice .metadata.name 3 1}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <slice .metadata.name 3 1>: error calling slice: invalid slice index: 3 > 1. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{slice .metadata.name 3 1}}\": template: output:1:2: executing \"output\" at <slice .metadata.name 3 1>: error calling slice: invalid slice index: 3 > 1\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "eq_ok", document: "ds",
            template: "{{eq .metadata.generation 2}} {{eq .spec.updateStrategy.type \"RollingUpdate\"}} {{eq .spec.ratio 0.25}} {{eq 1 2 1}} {{ne \"a\" \"b\"}} {{eq .nope .nope2}} {{eq .nope \"x\"}}",
            stdout: "true true true true true true false",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "eq_err", document: "ds",
            template: "{{eq .metadata.generation \"2\"}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <eq .metadata.generation \"2\">: error calling eq: incompatible types for comparison: int64 and string. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{eq .metadata.generation \\\"2\\\"}}\": template: output:1:2: executing \"output\" at <eq .metadata.generation \"2\">: error calling eq: incompatible types for comparison: int64 and string\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "eq_float_int", document: "ds",
            template: "{{eq .spec.ratio 1}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <eq .spec.ratio 1>: error calling eq: incompatible types for comparison: float64 and int. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{eq .spec.ratio 1}}\": template: output:1:2: executing \"output\" at <eq .spec.ratio 1>: error calling eq: incompatible types for comparison: float64 and int\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "eq_maps", document: "ds",
            template: "{{eq .metadata.labels .metadata.labels}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <eq .metadata.labels .metadata.labels>: error calling eq: non-comparable type map[Zeta:z app:filebeat release:stable]: map[string]interface {}. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{eq .metadata.labels .metadata.labels}}\": template: output:1:2: executing \"output\" at <eq .metadata.labels .metadata.labels>: error calling eq: non-comparable type map[Zeta:z app:filebeat release:stable]: map[string]interface {}\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "lt", document: "ds",
            template: "{{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1.5 2.5}} {{lt .metadata.generation 3}}",
            stdout: "true true true false true",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "lt_err", document: "ds",
            template: "{{lt true false}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <lt true false>: error calling lt: invalid type for comparison. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{lt true false}}\": template: output:1:2: executing \"output\" at <lt true false>: error calling lt: invalid type for comparison\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "and_or_not", document: "ds",
            template: "{{and 1 0 \"x\"}} {{and 1 \"x\"}} {{or 0 \"\" \"y\"}} {{or 0 \"\"}} {{not 0}} {{not .spec.t}} {{and .spec.t .nope}} {{or .nope .nope2}}",
            stdout: "0 x y  true false <no value> <no value>",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "and_shortcircuit", document: "ds",
            template: "{{and .spec.f (index .nope 1)}}{{or .spec.t (index .nope 1)}}",
            stdout: "falsetrue",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "html_js_url", document: "ds",
            template: "{{html .spec.str}} {{js .spec.str}} {{urlquery \"a b&c=d/é\"}} {{html .nope}}",
            stdout: "héllo &#34;q&#34; &lt;&amp;&gt; héllo \\\"q\\\" \\u003C\\u0026\\u003E a+b%26c%3Dd%2F%C3%A9 &lt;no value&gt;",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "exists", document: "ds",
            template: "{{exists . \"metadata\" \"labels\" \"app\"}} {{exists . \"metadata\" \"nope\"}} {{exists .spec.nested 0 1}} {{exists .spec.nested 0 5}} {{exists . \"metadata\" \"deletionTimestamp\"}}",
            stdout: "true false true false false",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "base64", document: "ds",
            template: "{{.spec.secret | base64decode}} {{base64decode \"aGk=\"}}",
            stdout: "hello world hi",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "base64_bad", document: "ds",
            template: "{{.spec.badsecret | base64decode}}",
            stdout: "Error executing template: template: output:1:20: executing \"output\" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 7. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{.spec.badsecret | base64decode}}\": template: output:1:20: executing \"output\" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 7\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "base64_wrongtype", document: "ds",
            template: "{{base64decode .metadata.generation}}",
            stdout: "Error executing template: template: output:1:24: executing \"output\" at <.metadata.generation>: wrong type for value; expected string; got int64. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{base64decode .metadata.generation}}\": template: output:1:24: executing \"output\" at <.metadata.generation>: wrong type for value; expected string; got int64\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "base64_missing", document: "ds",
            template: "{{base64decode .nope}}",
            stdout: "Error executing template: template: output:1:15: executing \"output\" at <.nope>: invalid value; expected string. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{base64decode .nope}}\": template: output:1:15: executing \"output\" at <.nope>: invalid value; expected string\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "define_template", document: "ds",
            template: "{{define \"T\"}}<{{.}}>{{end}}{{template \"T\" .metadata.name}}{{template \"T\"}}",
            stdout: "<filebeat-ds><<no value>>",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "block", document: "ds",
            template: "{{block \"B\" .kind}}[{{.}}]{{end}}",
            stdout: "[DaemonSet]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "template_undef", document: "ds",
            template: "{{template \"nope\"}}",
            stdout: "Error executing template: template: output:1:11: executing \"output\" at <{{template \"nope\"}}>: template \"nope\" not defined. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{template \\\"nope\\\"}}\": template: output:1:11: executing \"output\" at <{{template \"nope\"}}>: template \"nope\" not defined\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "literals", document: "ds",
            template: "{{1}} {{1.0}} {{1e3}} {{0x1F}} {{0o17}} {{0b101}} {{1_000}} {{'a'}} {{-5}} {{+3}} {{.5}} {{\"a\\tb\\x41\\u00e9\"}} {{`raw\\n`}} {{true}} {{\"\\101\"}}",
            stdout: "1 1 1000 31 15 5 1000 97 -5 3 0.5 a\tbAé raw\\n true A",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "number_overflow", document: "ds",
            template: "{{99999999999999999999}}",
            stdout: "",
            stderr: "error: error parsing template {{99999999999999999999}}, template: output:1: integer overflow: \"99999999999999999999\"\n"),
        GoTemplateConformanceCase(
            name: "int_overflow_exec", document: "ds",
            template: "{{18446744073709551615}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <18446744073709551615>: 18446744073709551615 overflows int. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{18446744073709551615}}\": template: output:1:2: executing \"output\" at <18446744073709551615>: 18446744073709551615 overflows int\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "field_on_string", document: "ds",
            template: "{{.metadata.name.x}}",
            stdout: "Error executing template: template: output:1:11: executing \"output\" at <.metadata.name.x>: can't evaluate field x in type interface {}. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{.metadata.name.x}}\": template: output:1:11: executing \"output\" at <.metadata.name.x>: can't evaluate field x in type interface {}\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "field_args", document: "ds",
            template: "{{.metadata.name 1}}",
            stdout: "Error executing template: template: output:1:11: executing \"output\" at <.metadata.name>: name is not a method but has arguments. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{.metadata.name 1}}\": template: output:1:11: executing \"output\" at <.metadata.name>: name is not a method but has arguments\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "nonfunc_args", document: "ds",
            template: "{{\"a\" \"b\"}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <\"a\">: can't give argument to non-function \"a\". Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{\\\"a\\\" \\\"b\\\"}}\": template: output:1:2: executing \"output\" at <\"a\">: can't give argument to non-function \"a\"\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "dot_args", document: "ds",
            template: "{{. 1}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <.>: can't give argument to non-function .. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{. 1}}\": template: output:1:2: executing \"output\" at <.>: can't give argument to non-function .\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "wrong_args", document: "ds",
            template: "{{len}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <len>: wrong number of args for len: want 1 got 0. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{len}}\": template: output:1:2: executing \"output\" at <len>: wrong number of args for len: want 1 got 0\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "wrong_args2", document: "ds",
            template: "{{len 1 2}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <len>: wrong number of args for len: want 1 got 2. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{len 1 2}}\": template: output:1:2: executing \"output\" at <len>: wrong number of args for len: want 1 got 2\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "wrong_args_variadic", document: "ds",
            template: "{{index}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <index>: wrong number of args for index: want at least 1 got 0. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{index}}\": template: output:1:2: executing \"output\" at <index>: wrong number of args for index: want at least 1 got 0\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "print_len_ident", document: "ds",
            template: "{{print len}}",
            stdout: "Error executing template: template: output:1:8: executing \"output\" at <len>: wrong number of args for len: want 1 got 0. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{print len}}\": template: output:1:8: executing \"output\" at <len>: wrong number of args for len: want 1 got 0\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "printf_nonstring", document: "ds",
            template: "{{printf .metadata.generation}}",
            stdout: "Error executing template: template: output:1:18: executing \"output\" at <.metadata.generation>: wrong type for value; expected string; got int64. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{printf .metadata.generation}}\": template: output:1:18: executing \"output\" at <.metadata.generation>: wrong type for value; expected string; got int64\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "printf_missing_fmt", document: "ds",
            template: "{{printf .nope}}",
            stdout: "Error executing template: template: output:1:9: executing \"output\" at <.nope>: invalid value; expected string. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{printf .nope}}\": template: output:1:9: executing \"output\" at <.nope>: invalid value; expected string\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "printf_nil", document: "ds",
            template: "{{printf nil}}",
            stdout: "Error executing template: template: output:1:9: executing \"output\" at <nil>: cannot assign nil to string. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{printf nil}}\": template: output:1:9: executing \"output\" at <nil>: cannot assign nil to string\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "nil_command", document: "ds",
            template: "{{nil}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <nil>: nil is not a command. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{nil}}\": template: output:1:2: executing \"output\" at <nil>: nil is not a command\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "call", document: "ds",
            template: "{{call .metadata.name}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <call .metadata.name>: error calling call: non-function .metadata.name of type string. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{call .metadata.name}}\": template: output:1:2: executing \"output\" at <call .metadata.name>: error calling call: non-function .metadata.name of type string\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "call_nil", document: "ds",
            template: "{{call .nope}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <call .nope>: error calling call: call of nil. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{call .nope}}\": template: output:1:2: executing \"output\" at <call .nope>: error calling call: call of nil\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "range_string", document: "ds",
            template: "{{range .metadata.name}}x{{end}}",
            stdout: "Error executing template: template: output:1:17: executing \"output\" at <.metadata.name>: range can't iterate over filebeat-ds. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{range .metadata.name}}x{{end}}\": template: output:1:17: executing \"output\" at <.metadata.name>: range can't iterate over filebeat-ds\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "range_float", document: "ds",
            template: "{{range .spec.ratio}}x{{end}}",
            stdout: "Error executing template: template: output:1:13: executing \"output\" at <.spec.ratio>: range can't iterate over 0.25. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{range .spec.ratio}}x{{end}}\": template: output:1:13: executing \"output\" at <.spec.ratio>: range can't iterate over 0.25\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "multiline", document: "ds",
            template: "line1\n{{.kind}}\n{{.nope.x.y}}\n  {{.metadata.name.z}}",
            stdout: "line1\nDaemonSet\n<no value>\n  Error executing template: template: output:4:13: executing \"output\" at <.metadata.name.z>: can't evaluate field z in type interface {}. Printing more information for debugging the template:\n\ttemplate was:\n\t\tline1\n{{.kind}}\n{{.nope.x.y}}\n  {{.metadata.name.z}}\n\traw data was:\n\t\t{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\",\"metadata\":{\"annotations\":{\"deprecated.daemonset.template.generation\":\"2\"},\"creationTimestamp\":\"2026-01-02T03:04:05Z\",\"deletionTimestamp\":null,\"generation\":2,\"labels\":{\"Zeta\":\"z\",\"app\":\"filebeat\",\"release\":\"stable\"},\"name\":\"filebeat-ds\",\"namespace\":\"default\"},\"spec\":{\"badsecret\":\"aGVsbG8*\",\"big\":1000000,\"bigf\":1.5e+300,\"empty\":[],\"emptymap\":{},\"f\":false,\"neg\":-3,\"nested\":[[1,2],[3]],\"ratio\":0.25,\"secret\":\"aGVsbG8gd29ybGQ=\",\"selector\":{\"matchLabels\":{\"app\":\"filebeat\"}},\"str\":\"héllo \\\"q\\\" \\u003c\\u0026\\u003e\",\"t\":true,\"template\":{\"spec\":{\"containers\":[{\"env\":[{\"name\":\"REDIS_HOST\",\"value\":\"redis\"},{\"name\":\"LEVEL\",\"value\":\"info\"}],\"image\":\"ikubernetes/filebeat:5.6.5-alpine\",\"name\":\"filebeat\"},{\"image\":\"busybox\",\"name\":\"side\",\"ports\":[{\"containerPort\":8080}]}]}},\"updateStrategy\":{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":1},\"type\":\"RollingUpdate\"},\"zero\":0},\"status\":{\"desiredNumberScheduled\":3,\"numberReady\":3}}\n\tobject given to template engine was:\n\t\tmap[apiVersion:apps/v1 kind:DaemonSet metadata:map[annotations:map[deprecated.daemonset.template.generation:2] creationTimestamp:2026-01-02T03:04:05Z deletionTimestamp:<nil> generation:2 labels:map[Zeta:z app:filebeat release:stable] name:filebeat-ds namespace:default] spec:map[badsecret:aGVsbG8* big:1000000 bigf:1.5e+300 empty:[] emptymap:map[] f:false neg:-3 nested:[[1 2] [3]] ratio:0.25 secret:aGVsbG8gd29ybGQ= selector:map[matchLabels:map[app:filebeat]] str:héllo \"q\" <&> t:true template:map[spec:map[containers:[map[env:[map[name:REDIS_HOST value:redis] map[name:LEVEL value:info]] image:ikubernetes/filebeat:5.6.5-alpine name:filebeat] map[image:busybox name:side ports:[map[containerPort:8080]]]]]] updateStrategy:map[rollingUpdate:map[maxSurge:25% maxUnavailable:1] type:RollingUpdate] zero:0] status:map[desiredNumberScheduled:3 numberReady:3]]\n\n",
            stderr: "error: error executing template \"line1\\n{{.kind}}\\n{{.nope.x.y}}\\n  {{.metadata.name.z}}\": template: output:4:13: executing \"output\" at <.metadata.name.z>: can't evaluate field z in type interface {}\n"),
        GoTemplateConformanceCase(
            name: "multiline_action", document: "ds",
            template: "{{.kind\n}}",
            stdout: "DaemonSet",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "chain_var", document: "ds",
            template: "{{$c := index .spec.template.spec.containers 0}}{{$c.env}}",
            stdout: "[map[name:REDIS_HOST value:redis] map[name:LEVEL value:info]]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "var_null_field", document: "ds",
            template: "{{range $k, $v := .metadata}}{{if eq $k \"deletionTimestamp\"}}{{$v.x}}{{end}}{{end}}",
            stdout: "Error executing template: template: output:1:65: executing \"output\" at <$v.x>: nil pointer evaluating interface {}.x. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{range $k, $v := .metadata}}{{if eq $k \\\"deletionTimestamp\\\"}}{{$v.x}}{{end}}{{end}}\": template: output:1:65: executing \"output\" at <$v.x>: nil pointer evaluating interface {}.x\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "dot_null_field", document: "ds",
            template: "{{range .spec.template.spec.containers}}{{.ports}}|{{end}}",
            stdout: "<no value>|[map[containerPort:8080]]|",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "with_var", document: "ds",
            template: "{{with $x := .kind}}{{$x}}{{.}}{{end}}",
            stdout: "DaemonSetDaemonSet",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "utf8", document: "ds",
            template: "{{\"日本\"}} {{len \"日本\"}} {{printf \"%5s|%-4q|%c\" \"日本\" \"é\" 26085}}",
            stdout: "日本 6    日本|\"é\" |日",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "float_fmt", document: "ds",
            template: "{{0.1}} {{1e21}} {{1e20}} {{123456789.0}} {{0.0001}} {{0.00001}} {{100000.0}} {{-0.0}} {{printf \"%v %g %G %e %.3g %8.2e\" 1e6 1e-7 1e-7 0.0 1234567.0 123.456}}",
            stdout: "0.1 1e+21 1e+20 1.23456789e+08 0.0001 1e-05 100000 -0 1e+06 1e-07 1E-07 0.000000e+00 1.23e+06 1.23e+02",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_special", document: "ds",
            template: "{{printf \"%%d %v %s\" nil nil}}|{{printf \"%5t|%-6v|\" true false}}|{{printf \"%x %X %o %#o %#x %#b %+.1e\" -255 3054 8 8 255 5 12345.678}}",
            stdout: "%d <nil> %!s(<nil>)| true|false ||-ff BEE 10 010 0xff 0b101 +1.2e+04",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_int_flags", document: "ds",
            template: "{{printf \"% d|%+05d|%-+5d|%.3d|%08.3d|%.0d|%x|%q|%U|%#U\" 5 -3 7 7 7 0 .metadata.generation 65 9731 9731}}",
            stdout: " 5|-0003|+7   |007|     007||2|'A'|U+2603|U+2603 '☃'",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_extra_nil", document: "ds",
            template: "{{printf \"a\" .nope .metadata.generation}}",
            stdout: "a%!(EXTRA <nil>, int64=2)",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_vars_after", document: "ds",
            template: "{{range $i, $e := .spec.nested}}{{end}}{{$i := 5}}{{$i}}",
            stdout: "5",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "assign_in_range", document: "ds",
            template: "{{$last := \"\"}}{{range .spec.template.spec.containers}}{{$last = .name}}{{end}}{{$last}}",
            stdout: "side",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "nested_template_vars", document: "ds",
            template: "{{define \"x\"}}{{$}}{{end}}{{template \"x\" 5}}",
            stdout: "5",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "trim_newlines", document: "ds",
            template: "a\n\n  {{- .kind -}}\n\n  b{{- /* c */ -}}\n d {{- \"\n\" -}} e",
            stdout: "",
            stderr: "error: error parsing template a\n\n  {{- .kind -}}\n\n  b{{- /* c */ -}}\n d {{- \"\n\" -}} e, template: output:6: unterminated quoted string\n"),
        GoTemplateConformanceCase(
            name: "trim_in_range", document: "list",
            template: "{{- range .items }}\n  - {{ .metadata.name }}\n{{- end }}\n",
            stdout: "\n  - filebeat-ds\n  - other\n",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "nested_range_vars", document: "ds",
            template: "{{range $i, $c := .spec.template.spec.containers}}{{range $j, $e := $c.env}}{{$i}}.{{$j}}={{$e.name}}({{$.kind}}) {{end}}{{end}}",
            stdout: "0.0=REDIS_HOST(DaemonSet) 0.1=LEVEL(DaemonSet) ",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_dollar", document: "list",
            template: "{{range .items}}{{$.kind}}/{{.kind}} {{end}}",
            stdout: "List/DaemonSet List/DaemonSet ",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_nested_nil", document: "ds",
            template: "{{printf \"%v|%s|%d\" .metadata .metadata.labels .spec.nested}}",
            stdout: "map[annotations:map[deprecated.daemonset.template.generation:2] creationTimestamp:2026-01-02T03:04:05Z deletionTimestamp:<nil> generation:2 labels:map[Zeta:z app:filebeat release:stable] name:filebeat-ds namespace:default]|map[Zeta:z app:filebeat release:stable]|[[1 2] [3]]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "if_and_or", document: "ds",
            template: "{{if and .metadata.labels (eq .metadata.labels.app \"filebeat\")}}yes{{end}}{{if or .nope .spec.t}}!{{end}}",
            stdout: "yes!",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "with_else_if", document: "ds",
            template: "{{with .nope}}a{{else}}{{if .spec.t}}b{{end}}{{end}}",
            stdout: "b",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "len_pipeline", document: "ds",
            template: "{{.metadata.labels | len}} {{\"abc\" | len}}",
            stdout: "3 3",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "index_pipeline", document: "ds",
            template: "{{.spec.template.spec.containers | len | printf \"%03d\"}}",
            stdout: "002",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_pipeline_final", document: "ds",
            template: "{{.kind | printf \"%s-%s\" \"x\"}}",
            stdout: "x-DaemonSet",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "not_missing", document: "ds",
            template: "{{not .nope}} {{not .metadata}}",
            stdout: "true false",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "eq_missing_both", document: "ds",
            template: "{{eq .nope nil}}",
            stdout: "true",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "spaces_in_action", document: "ds",
            template: "{{   .kind   }}{{ printf   \"%s\"   .kind }}",
            stdout: "DaemonSetDaemonSet",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_over_map_values", document: "ds",
            template: "{{range .metadata.labels}}{{.}},{{end}}",
            stdout: "z,filebeat,stable,",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "range_assign_outer", document: "ds",
            template: "{{$x := 0}}{{range $i, $e := .spec.nested}}{{$x = $i}}{{end}}{{$x}}",
            stdout: "1",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "comment_only", document: "ds",
            template: "{{/* nothing */}}",
            stdout: "",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "comment_trim_both", document: "ds",
            template: "x  {{- /* c */ -}}  y",
            stdout: "xy",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "quote_in_printf", document: "ds",
            template: "{{printf \"%q\" .metadata.labels}}",
            stdout: "map[\"Zeta\":\"z\" \"app\":\"filebeat\" \"release\":\"stable\"]",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "multiple_decl_print", document: "ds",
            template: "{{$a := 1}}{{$b := \"x\"}}{{$a}}{{$b}}{{print $a $b}}",
            stdout: "1x1x",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "dot_in_with", document: "ds",
            template: "{{with .spec}}{{with .updateStrategy}}{{.type}}{{end}}{{end}}",
            stdout: "RollingUpdate",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "chain_on_pipe_missing", document: "ds",
            template: "{{(index .metadata.labels \"nope\").x}}",
            stdout: "<no value>",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "index_map_missing_then_field", document: "ds",
            template: "{{(index .metadata \"deletionTimestamp\").x}}",
            stdout: "<no value>",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "html_multi", document: "ds",
            template: "{{html \"<a>\" 1 2}} {{js \"a=b\" 3}} {{urlquery 1 \"x y\"}}",
            stdout: "&lt;a&gt;1 2 a\\u003Db3 1x+y",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "printf_T_nil", document: "ds",
            template: "{{printf \"%T %T %T\" nil .nope 1.5}}",
            stdout: "<nil> <nil> float64",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "println_empty", document: "ds",
            template: "{{println}}|",
            stdout: "\n|",
            stderr: ""),
        GoTemplateConformanceCase(
            name: "bool_ops", document: "ds",
            template: "{{and}}",
            stdout: "Error executing template: template: output:1:2: executing \"output\" at <and>: wrong number of args for and: want at least 1 got 0. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{and}}\": template: output:1:2: executing \"output\" at <and>: wrong number of args for and: want at least 1 got 0\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "p_unclosed_if_line", document: "ds",
            template: "a\n{{if .x}}\n{{.y}}\n",
            stdout: "",
            stderr: "error: error parsing template a\n{{if .x}}\n{{.y}}\n, template: output:4: unexpected EOF\n"),
        GoTemplateConformanceCase(
            name: "p_else_end", document: "ds",
            template: "{{if .a}}{{else}}{{else}}{{end}}",
            stdout: "",
            stderr: "error: error parsing template {{if .a}}{{else}}{{else}}{{end}}, template: output:1: expected end; found {{else}}\n"),
        GoTemplateConformanceCase(
            name: "p_range_init", document: "ds",
            template: "{{range $a, 1}}{{end}}",
            stdout: "",
            stderr: "error: error parsing template {{range $a, 1}}{{end}}, template: output:1: range can only initialize variables\n"),
        GoTemplateConformanceCase(
            name: "p_template_name", document: "ds",
            template: "{{template .x}}",
            stdout: "",
            stderr: "error: error parsing template {{template .x}}, template: output:1: unexpected \".x\" in template clause\n"),
        GoTemplateConformanceCase(
            name: "p_assign_undeclared", document: "ds",
            template: "{{$x = 1}}",
            stdout: "Error executing template: template: output:1:7: executing \"output\" at <1>: undefined variable: $x. Printing more information for debugging the template:",
            stderr: "error: error executing template \"{{$x = 1}}\": template: output:1:7: executing \"output\" at <1>: undefined variable: $x\n", dumpElided: true),
        GoTemplateConformanceCase(
            name: "p_unclosed", document: "ds",
            template: "{{.foo",
            stdout: "",
            stderr: "error: error parsing template {{.foo, template: output:1: unclosed action\n"),
        GoTemplateConformanceCase(
            name: "p_brace", document: "ds",
            template: "{{.foo}",
            stdout: "",
            stderr: "error: error parsing template {{.foo}, template: output:1: bad character U+007D '}'\n"),
        GoTemplateConformanceCase(
            name: "p_func", document: "ds",
            template: "{{foo}}",
            stdout: "",
            stderr: "error: error parsing template {{foo}}, template: output:1: function \"foo\" not defined\n"),
        GoTemplateConformanceCase(
            name: "p_eof", document: "ds",
            template: "{{if .x}}a",
            stdout: "",
            stderr: "error: error parsing template {{if .x}}a, template: output:1: unexpected EOF\n"),
        GoTemplateConformanceCase(
            name: "p_end", document: "ds",
            template: "{{end}}",
            stdout: "",
            stderr: "error: error parsing template {{end}}, template: output:1: unexpected {{end}}\n"),
        GoTemplateConformanceCase(
            name: "p_else", document: "ds",
            template: "{{else}}",
            stdout: "",
            stderr: "error: error parsing template {{else}}, template: output:1: unexpected {{else}}\n"),
        GoTemplateConformanceCase(
            name: "p_undef_var", document: "ds",
            template: "{{$x}}",
            stdout: "",
            stderr: "error: error parsing template {{$x}}, template: output:1: undefined variable \"$x\"\n"),
        GoTemplateConformanceCase(
            name: "p_bad_number", document: "ds",
            template: "{{3x}}",
            stdout: "",
            stderr: "error: error parsing template {{3x}}, template: output:1: bad number syntax: \"3x\"\n"),
        GoTemplateConformanceCase(
            name: "p_unterminated", document: "ds",
            template: "{{\"abc}}",
            stdout: "",
            stderr: "error: error parsing template {{\"abc}}, template: output:1: unterminated quoted string\n"),
        GoTemplateConformanceCase(
            name: "p_raw_unterminated", document: "ds",
            template: "{{`abc}}",
            stdout: "",
            stderr: "error: error parsing template {{`abc}}, template: output:1: unterminated raw quoted string\n"),
        GoTemplateConformanceCase(
            name: "p_char", document: "ds",
            template: "{{'ab'}}",
            stdout: "",
            stderr: "error: error parsing template {{'ab'}}, template: output:1: malformed character constant: 'ab'\n"),
        GoTemplateConformanceCase(
            name: "p_comment", document: "ds",
            template: "{{/* x",
            stdout: "",
            stderr: "error: error parsing template {{/* x, template: output:1: unclosed comment\n"),
        GoTemplateConformanceCase(
            name: "p_comment2", document: "ds",
            template: "{{/* x */ }}",
            stdout: "",
            stderr: "error: error parsing template {{/* x */ }}, template: output:1: comment ends before closing delimiter\n"),
        GoTemplateConformanceCase(
            name: "p_pipe_stage", document: "ds",
            template: "{{.a | \"x\"}}",
            stdout: "",
            stderr: "error: error parsing template {{.a | \"x\"}}, template: output:1: non executable command in pipeline stage 2\n"),
        GoTemplateConformanceCase(
            name: "p_missing_value", document: "ds",
            template: "{{if}}x{{end}}",
            stdout: "",
            stderr: "error: error parsing template {{if}}x{{end}}, template: output:1: missing value for if\n"),
        GoTemplateConformanceCase(
            name: "p_range_decl", document: "ds",
            template: "{{range $a, $b, $c := .x}}{{end}}",
            stdout: "",
            stderr: "error: error parsing template {{range $a, $b, $c := .x}}{{end}}, template: output:1: too many declarations in range\n"),
        GoTemplateConformanceCase(
            name: "p_break_outside", document: "ds",
            template: "{{break}}",
            stdout: "",
            stderr: "error: error parsing template {{break}}, template: output:1: {{break}} outside {{range}}\n"),
        GoTemplateConformanceCase(
            name: "p_paren", document: "ds",
            template: "{{(.a}}",
            stdout: "",
            stderr: "error: error parsing template {{(.a}}, template: output:1: unclosed left paren\n"),
        GoTemplateConformanceCase(
            name: "p_rparen", document: "ds",
            template: "{{.a)}}",
            stdout: "",
            stderr: "error: error parsing template {{.a)}}, template: output:1: unexpected right paren\n"),
        GoTemplateConformanceCase(
            name: "p_colon", document: "ds",
            template: "{{$x : 1}}",
            stdout: "",
            stderr: "error: error parsing template {{$x : 1}}, template: output:1: undefined variable \"$x\"\n"),
        GoTemplateConformanceCase(
            name: "p_empty", document: "ds",
            template: "{{}}",
            stdout: "",
            stderr: "error: error parsing template {{}}, template: output:1: missing value for command\n"),
        GoTemplateConformanceCase(
            name: "p_dot_after_term", document: "ds",
            template: "{{\"a\".b}}",
            stdout: "",
            stderr: "error: error parsing template {{\"a\".b}}, template: output:1: unexpected . after term \"\\\"a\\\"\"\n"),
        GoTemplateConformanceCase(
            name: "p_multiline_unclosed", document: "ds",
            template: "a\nb{{.x\n\n",
            stdout: "",
            stderr: "error: error parsing template a\nb{{.x\n\n, template: output:4: unclosed action started at output:2\n"),
        GoTemplateConformanceCase(
            name: "p_badchar", document: "ds",
            template: "{{.a#}}",
            stdout: "",
            stderr: "error: error parsing template {{.a#}}, template: output:1: bad character U+0023 '#'\n"),
        GoTemplateConformanceCase(
            name: "p_unrecognized", document: "ds",
            template: "{{\u{1}}}",
            stdout: "",
            stderr: "error: error parsing template {{\u{1}}}, template: output:1: unrecognized character in action: U+0001\n"),
        GoTemplateConformanceCase(
            name: "p_define_twice", document: "ds",
            template: "{{define \"a\"}}1{{end}}{{define \"a\"}}2{{end}}",
            stdout: "",
            stderr: "error: error parsing template {{define \"a\"}}1{{end}}{{define \"a\"}}2{{end}}, template: output:1: template: multiple definition of template \"a\"\n"),
        GoTemplateConformanceCase(
            name: "p_else_junk", document: "ds",
            template: "{{if .a}}{{else x}}{{end}}",
            stdout: "",
            stderr: "error: error parsing template {{if .a}}{{else x}}{{end}}, template: output:1: unexpected \"x\" in else\n"),
        GoTemplateConformanceCase(
            name: "p_define_nested", document: "ds",
            template: "{{if 1}}{{define \"a\"}}{{end}}{{end}}",
            stdout: "",
            stderr: "error: error parsing template {{if 1}}{{define \"a\"}}{{end}}{{end}}, template: output:1: unexpected <define> in command\n"),
        GoTemplateConformanceCase(
            name: "p_escape", document: "ds",
            template: "{{\"\\q\"}}",
            stdout: "",
            stderr: "error: error parsing template {{\"\\q\"}}, template: output:1: invalid syntax\n"),
        GoTemplateConformanceCase(
            name: "p_int_overflow", document: "ds",
            template: "{{99999999999999999999}}",
            stdout: "",
            stderr: "error: error parsing template {{99999999999999999999}}, template: output:1: integer overflow: \"99999999999999999999\"\n"),
        GoTemplateConformanceCase(
            name: "p_leading_zero", document: "ds",
            template: "{{08}}",
            stdout: "",
            stderr: "error: error parsing template {{08}}, template: output:1: integer overflow: \"08\"\n"),
        GoTemplateConformanceCase(
            name: "p_trim_nospace", document: "ds",
            template: "{{-3}}",
            stdout: "-3",
            stderr: ""),
    ]
}
