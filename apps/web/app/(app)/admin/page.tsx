'use client';

import { UsersPage } from '../../../components/admin/users-page';
import { RoleGate } from '../../../components/role-gate';

export default function Page() {
  return (
    <RoleGate roles={['admin']}>
      <UsersPage />
    </RoleGate>
  );
}
