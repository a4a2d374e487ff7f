'use client';

import { AuditPage } from '../../../components/audit/audit-page';
import { RoleGate } from '../../../components/role-gate';

export default function Page() {
  return (
    <RoleGate roles={['compliance', 'admin']}>
      <AuditPage />
    </RoleGate>
  );
}
