//! Answers to the editor's requests: hover, completion, definition,
//! references and code actions, each at a position of an open document.

use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionOrCommand, CompletionResponse, GotoDefinitionResponse, Hover, HoverContents,
    MarkupContent, MarkupKind, TextDocumentPositionParams, Uri,
};

use super::workspace::{Analysis, uri_to_path};
use super::{Server, actions, completion, hover, navigation, position};
use crate::model::FileId;

impl Server<'_> {
    pub(super) fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            req::HoverRequest::METHOD => self.with::<req::HoverRequest>(request, |s, p| {
                s.at(&p.text_document_position_params, |analysis, file, at| {
                    hover::hover(analysis, file, at).map(|text| Hover {
                        contents: HoverContents::Markup(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: text,
                        }),
                        range: None,
                    })
                })
                .flatten()
            }),
            req::Completion::METHOD => self.with::<req::Completion>(request, |s, p| {
                s.at(&p.text_document_position, completion::complete)
                    .map(CompletionResponse::Array)
            }),
            req::GotoDefinition::METHOD => self.with::<req::GotoDefinition>(request, |s, p| {
                s.at(&p.text_document_position_params, navigation::definition)
                    .flatten()
                    .map(GotoDefinitionResponse::Scalar)
            }),
            req::References::METHOD => self.with::<req::References>(request, |s, p| {
                let declaration = p.context.include_declaration;
                s.at(&p.text_document_position, |analysis, file, at| {
                    navigation::references(analysis, file, at, declaration)
                })
            }),
            req::CodeActionRequest::METHOD => {
                self.with::<req::CodeActionRequest>(request, |s, p| {
                    let uri = &p.text_document.uri;
                    let (analysis, file) = s.file(uri)?;
                    let text = &analysis.plan().file(file).text;
                    let span =
                        position::offset(text, p.range.start)..position::offset(text, p.range.end);
                    Some(
                        actions::actions(analysis, uri, file, &span)
                            .into_iter()
                            .map(CodeActionOrCommand::CodeAction)
                            .collect(),
                    )
                })
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("mdbook-okr does not answer `{}`", request.method),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn with<R: lsp_types::request::Request>(
        &self,
        request: Request,
        f: impl FnOnce(&Self, R::Params) -> R::Result,
    ) -> Result<serde_json::Value, (ErrorCode, String)> {
        let params = serde_json::from_value(request.params)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        serde_json::to_value(f(self, params)).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    /// The analysis and file id of a document.
    fn file(&self, uri: &Uri) -> Option<(&Analysis, FileId)> {
        let path = uri_to_path(uri)?;
        let scope = self.scopes.get(&path)?;
        let analysis = self.analyses.get(scope)?;
        Some((analysis, analysis.file_id(&path)?))
    }

    /// Runs `f` at a text position of an open document.
    fn at<T>(
        &self,
        position: &TextDocumentPositionParams,
        f: impl FnOnce(&Analysis, FileId, usize) -> T,
    ) -> Option<T> {
        let (analysis, file) = self.file(&position.text_document.uri)?;
        let at = position::offset(&analysis.plan().file(file).text, position.position);
        Some(f(analysis, file, at))
    }
}
