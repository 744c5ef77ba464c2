package org.repcon.action;

/** How an action must be confirmed before it runs. */
public enum Confirmation {
    /** It changes nothing: no question. */
    NONE,
    /** y or n; Enter alone is no answer. */
    YES_NO,
    /** It destroys data: the target's name (HOST/INSTANCE) must be typed. */
    TYPE_NAME
}
