package org.repcon.action;

/** Where the runner shows what the operator must see: the preview before the question, progress while it runs. */
public interface Reporter extends Progress {

    void preview(Preview preview);

    Reporter SILENT = new Reporter() {
        @Override
        public void preview(Preview preview) {
        }

        @Override
        public void note(String line) {
        }
    };
}
