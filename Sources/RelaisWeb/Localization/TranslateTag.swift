import Fluent
import Leaf
import LeafKit
import RelaisCore
import RelaisPersistence
import Vapor

/// `#t("key")` or `#t("key", arg0, arg1…)` in templates: the catalogue's text in the request's language.
struct TranslateTag: LeafTag {
    let catalogue: Catalogue

    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafError(.unknownError("#t() needs a key"))
        }
        let language = ctx.request?.language ?? ctx.request?.relais.config.defaultLanguage ?? .default
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        return .string(catalogue.text(key, language, Array(arguments)))
    }
}
