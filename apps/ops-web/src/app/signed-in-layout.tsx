import { NavLink, SignedInShell } from '@autodoctor/app-shell/signed-in-shell';
import { useRouteContext } from '@tanstack/react-router';

/** Every signed-in screen of the console: the shell and its navigation. */
export function SignedInLayout() {
  const { user } = useRouteContext({ from: '/signed-in' });
  return (
    <SignedInShell
      user={user}
      product="operations"
      homeLabel="AutoDoctor operations, home"
      nav={
        <>
          <NavLink to="/">Analytics</NavLink>
          <NavLink to="/mechanics">Mechanics</NavLink>
          <NavLink to="/sessions">Sessions</NavLink>
          <NavLink to="/access-log">Access log</NavLink>
          <NavLink to="/account" activeOptions={{ exact: false }}>
            Account
          </NavLink>
        </>
      }
      actions={null}
      banner={null}
    />
  );
}
