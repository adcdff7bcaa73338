/** The description's limit (the server's Text(4000)). */
export const MAX_DESCRIPTION_CHARS = 4000;

/** Photos per report (the server's MAX_PUBLIC_PHOTOS; contracts reach the browser as types only). */
export const MAX_PUBLIC_PHOTOS_ON_FORM = 3;
