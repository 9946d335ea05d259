/** Items per page of the staff queues (shared by the server page and the client lists). */
export const QUEUE_PAGE = 20;
