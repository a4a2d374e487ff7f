'use client';

import { ZReviewDto } from '@lightbox/contracts';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { apiJson, describeError } from '../../lib/api-client';
import type { TRegion } from './image-stage';

const ZReviewList = z.object({ items: z.array(ZReviewDto) });
type TReview = z.infer<typeof ZReviewDto>;

function asRegion(value: unknown): TRegion | null {
  const region = value as TRegion | null;
  if (region?.type === 'rect' || region?.type === 'polygon') return region;
  return null;
}

/** The reviews already given on this case (GET /api/cases/:id/reviews), oldest first; a region can be shown again. */
export function CaseReviews(props: { caseId: string; refreshKey: number; onShowRegion: (region: TRegion) => void }) {
  const [reviews, setReviews] = useState<TReview[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void props.refreshKey;
    apiJson(ZReviewList, `/api/cases/${props.caseId}/reviews`)
      .then((list) => setReviews(list.items))
      .catch((caught) => setError(describeError(caught)));
  }, [props.caseId, props.refreshKey]);

  if (error) return <p className="text-sm text-red-800">Reviews could not be loaded: {error}</p>;
  if (!reviews || reviews.length === 0) return null;
  return (
    <section aria-labelledby="reviews-title" className="flex flex-col gap-1 text-sm" data-testid="case-reviews">
      <h2 id="reviews-title" className="text-lg font-semibold">
        Reviews of this case ({reviews.length})
      </h2>
      <ul className="flex flex-col gap-1">
        {reviews.map((review) => {
          const region = asRegion(review.region);
          return (
            <li key={review.id} className="rounded border border-slate-300 bg-white p-2">
              <span className="font-medium capitalize">{review.verdict}</span>{' '}
              <span className="text-slate-700">· {new Date(review.createdAt).toLocaleString()}</span>
              {review.note && <p className="mt-1">{review.note}</p>}
              {region && (
                <button
                  type="button"
                  className="mt-1 text-blue-800 underline"
                  onClick={() => props.onShowRegion(region)}
                >
                  Show its region on the image
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
