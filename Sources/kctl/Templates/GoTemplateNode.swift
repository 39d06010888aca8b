import KubeAPI
import Wire

/// The parse tree of a Go template, shaped as Go's `text/template/parse` nodes. Each node keeps its byte position
/// and prints as Go prints it (`description`), since execution errors quote the node: `at <.spec.x>`.
enum GoTemplateNode: Sendable {
    case text(pos: Int, String)
    case action(pos: Int, GoTemplatePipe)
    case ifNode(GoTemplateBranch)
    case rangeNode(GoTemplateBranch)
    case withNode(GoTemplateBranch)
    case template(pos: Int, name: String, pipe: GoTemplatePipe?)
    case breakNode(pos: Int)
    case continueNode(pos: Int)
    case comment(pos: Int)

    var pos: Int {
        switch self {
        case .text(let pos, _), .action(let pos, _), .template(let pos, _, _), .breakNode(let pos),
            .continueNode(let pos), .comment(let pos):
            pos
        case .ifNode(let b), .rangeNode(let b), .withNode(let b): b.pos
        }
    }

    var description: String {
        switch self {
        case .text(_, let text): text
        case .action(_, let pipe): "{{\(pipe.description)}}"
        case .ifNode(let b): b.render("if")
        case .rangeNode(let b): b.render("range")
        case .withNode(let b): b.render("with")
        case .template(_, let name, let pipe):
            "{{template \(GoQuote.quote(name))" + (pipe.map { " \($0.description)" } ?? "") + "}}"
        case .breakNode: "{{break}}"
        case .continueNode: "{{continue}}"
        case .comment: "{{/* */}}"
        }
    }

    /// Whether the node is only space or a comment (Go's `IsEmptyTree`).
    var isEmpty: Bool {
        switch self {
        case .text(_, let text): text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        case .comment: true
        default: false
        }
    }
}

/// A sequence of nodes (a template body, an `if` branch...).
struct GoTemplateList: Sendable {
    var pos: Int
    var nodes: [GoTemplateNode] = []

    var description: String { nodes.map(\.description).joined() }
}

/// `if`, `range` and `with`: a pipeline, a body, and an optional `else` body.
struct GoTemplateBranch: Sendable {
    var pos: Int
    var pipe: GoTemplatePipe
    var list: GoTemplateList
    var elseList: GoTemplateList?

    func render(_ keyword: String) -> String {
        "{{\(keyword) \(pipe.description)}}\(list.description)"
            + (elseList.map { "{{else}}\($0.description)" } ?? "") + "{{end}}"
    }
}

/// A pipeline: optional variable declarations (`$x :=`) or assignments (`$x =`), then commands joined by `|`.
struct GoTemplatePipe: Sendable {
    var pos: Int
    var isAssign = false
    var declarations: [GoTemplateVariable] = []
    var commands: [GoTemplateCommand] = []

    var description: String {
        var text = ""
        if !declarations.isEmpty { text = declarations.map(\.description).joined(separator: ", ") + " := " }
        return text + commands.map(\.description).joined(separator: " | ")
    }
}

/// `$x` or `$x.a.b`: the variable name (with `$`) and the fields after it.
struct GoTemplateVariable: Sendable {
    var pos: Int
    var ident: [String]

    var description: String { ident.joined(separator: ".") }
}

/// One command of a pipeline: an operand and its arguments.
struct GoTemplateCommand: Sendable {
    var pos: Int
    var args: [GoTemplateArgument] = []

    var description: String {
        args.map { arg in
            if case .pipe(let pipe) = arg { return "(\(pipe.description))" }
            return arg.description
        }.joined(separator: " ")
    }
}

/// A number literal, with every Go type it can be read as (Go's ideal constants).
struct GoTemplateNumber: Sendable {
    var pos: Int
    var text: String
    var isInt = false
    var isUint = false
    var isFloat = false
    var int64: Int64 = 0
    var uint64: UInt64 = 0
    var float64: Double = 0
}

/// An operand: a field chain, a variable, `.`, `nil`, a literal, a function name, a parenthesised pipeline, or a
/// field chain on any of these (`(index .items 0).name`).
indirect enum GoTemplateArgument: Sendable {
    case field(pos: Int, [String])
    case variable(GoTemplateVariable)
    case dot(pos: Int)
    case nilValue(pos: Int)
    case bool(pos: Int, Bool)
    case number(GoTemplateNumber)
    case string(pos: Int, quoted: String, text: String)
    case identifier(pos: Int, String)
    case pipe(GoTemplatePipe)
    case chain(pos: Int, GoTemplateArgument, [String])

    var pos: Int {
        switch self {
        case .field(let pos, _), .dot(let pos), .nilValue(let pos), .bool(let pos, _), .string(let pos, _, _),
            .identifier(let pos, _), .chain(let pos, _, _):
            pos
        case .variable(let v): v.pos
        case .number(let n): n.pos
        case .pipe(let p): p.pos
        }
    }

    var description: String {
        switch self {
        case .field(_, let ident): ident.map { "." + $0 }.joined()
        case .variable(let v): v.description
        case .dot: "."
        case .nilValue: "nil"
        case .bool(_, let b): b ? "true" : "false"
        case .number(let n): n.text
        case .string(_, let quoted, _): quoted
        case .identifier(_, let name): name
        case .pipe(let p): p.description
        case .chain(_, let node, let fields):
            (node.isPipe ? "(\(node.description))" : node.description) + fields.map { "." + $0 }.joined()
        }
    }

    var isPipe: Bool {
        if case .pipe = self { return true }
        return false
    }
}

/// A parsed template: the main body and the templates it defines (`{{define "name"}}`).
struct GoTemplateTree: Sendable {
    var name: String
    var root: GoTemplateList
    var definitions: [String: GoTemplateList]
    /// The template text, for error positions.
    var text: String
}
