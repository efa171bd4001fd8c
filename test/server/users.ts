export interface DemoUser {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly name: string;
  readonly email: string;
}

export const demoUsers: readonly DemoUser[] = Object.freeze([
  Object.freeze({ id: 'usr_demo', username: 'demo', password: 'demo', name: 'Ada Lovelace', email: 'ada@example.com' }),
  Object.freeze({ id: 'usr_grace', username: 'grace', password: 'grace', name: 'Grace Hopper', email: 'grace@example.com' }),
]);

export function findUserByCredentials(username: string, password: string): DemoUser | undefined {
  return demoUsers.find((user) => user.username === username && user.password === password);
}

export function findUserById(id: string): DemoUser | undefined {
  return demoUsers.find((user) => user.id === id);
}
