import type { TUser } from '@lightbox/contracts';
import type { User } from '@lightbox/db';

export function toUserDto(user: User): TUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
