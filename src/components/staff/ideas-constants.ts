/** Queue items per page, shared by the server render and the client's "load more". */
export const IDEAS_QUEUE_PAGE = 20;
