// The app is a client-rendered shell over /api and Socket.IO: the Express server owns sessions.
export const ssr = false;
