/**
 * What a tab that writes shows instead of its actions while nobody is
 * chosen at the top of the pane.
 *
 * Example: {user ? <PostForm/> : <NeedsUser />} → "Choose who you are at the top first."
 */
import { MessageBar, MessageBarBody } from "@fluentui/react-components";

export const NEEDS_USER = "Choose who you are at the top first.";

export function NeedsUser() {
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>{NEEDS_USER}</MessageBarBody>
    </MessageBar>
  );
}
