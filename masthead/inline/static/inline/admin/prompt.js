// Draftail source and decorator for the "feedback prompt" entity (see masthead/inline/wagtail_hooks.py):
// the editor selects a passage, presses "?", and types the question readers will be asked there.
(() => {
  const { React, DraftJS, draftail } = window;

  class PromptSource extends React.Component {
    componentDidMount() {
      const { editorState, entityType, onComplete, entity } = this.props;
      const current = entity ? entity.getData().question : "";
      const question = (window.prompt(entityType.description, current) || "").trim();
      if (!question) {
        onComplete(editorState);
        return;
      }
      const content = editorState.getCurrentContent().createEntity(entityType.type, "MUTABLE", { question });
      const key = content.getLastCreatedEntityKey();
      const withEntity = DraftJS.Modifier.applyEntity(content, editorState.getSelection(), key);
      onComplete(DraftJS.EditorState.push(editorState, withEntity, "apply-entity"));
    }

    render() {
      return null;
    }
  }

  const Prompt = ({ entityKey, contentState, children }) => {
    const { question } = contentState.getEntity(entityKey).getData();
    return React.createElement(
      "span",
      { title: question, style: { textDecoration: "underline dotted", background: "#fff6c2" } },
      children,
    );
  };

  draftail.registerPlugin(
    { type: "FEEDBACK_PROMPT", source: PromptSource, decorator: Prompt },
    "entityTypes",
  );
})();
